package com.mctb.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopFramesTest {

    @Test
    void selfCountsTheTopFrameAndOursCountsOurMethodsAnywhereOncePerSample() {
        TopFrames frames = new TopFrames("com.mctb.");
        List<String> send = List.of("java.net.SocketOutputStream.write", "com.mctb.messaging.Sender.send",
                "com.mctb.messaging.SendQueue.run", "java.lang.Thread.run");
        frames.add(send);
        frames.add(send);
        frames.add(List.of("java.util.HashMap.get", "com.mctb.gateway.Twiml.render", "com.mctb.gateway.Twiml.render",
                "com.mctb.gateway.CallOutcomes_ClientProxy.reportMissed", "com.mctb.gateway.CallOutcomes_Subclass$0.apply",
                "com.mctb.gateway.Resource.lambda$incoming$0",
                "com.mctb.gateway.Resource$$Lambda$1628+0x00007f1985af3ec0.326371646.apply",
                "com.mctb.messaging.SendQueue.run"));
        frames.add(List.of());
        TopFrames.Profile top = frames.top(2);

        assertThat(top.samples()).isEqualTo(3);
        assertThat(top.self()).containsExactly(new TopFrames.Frame("java.net.SocketOutputStream.write", 2, 2 / 3.0),
                new TopFrames.Frame("java.util.HashMap.get", 1, 1 / 3.0));
        assertThat(top.ours()).containsExactly(new TopFrames.Frame("com.mctb.messaging.SendQueue.run", 3, 1.0),
                new TopFrames.Frame("com.mctb.messaging.Sender.send", 2, 2 / 3.0));
        assertThat(frames.top(15).ours()).extracting(TopFrames.Frame::method)
                .containsExactly("com.mctb.messaging.SendQueue.run", "com.mctb.messaging.Sender.send",
                        "com.mctb.gateway.Twiml.render");
    }

    static volatile long sink;

    private static void burn(long until) {
        long x = 0;
        while (System.nanoTime() < until) {
            for (int i = 0; i < 10_000; i++) {
                x += Long.rotateLeft(x ^ i, 7) * 31;
            }
        }
        sink = x;
    }

    @Test
    void aRealRecordingsExecutionSamplesNameTheMethodThatBurnedTheCpu(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.jfr");
        Instant started;
        try (Recording recording = new Recording()) {
            recording.enable(TopFrames.EXECUTION_SAMPLE).withPeriod(Duration.ofMillis(10));
            recording.start();
            started = Instant.now();
            burn(System.nanoTime() + Duration.ofMillis(400).toNanos());
            recording.stop();
            recording.dump(file);
        }
        TopFrames.Profile profile = TopFrames.of(file, null, null, 15, "com.mctb.");
        assertThat(profile.samples()).isPositive();
        assertThat(profile.ours()).extracting(TopFrames.Frame::method)
                .contains("com.mctb.stack.bench.TopFramesTest.burn");
        assertThat(TopFrames.of(file, started.plusSeconds(60), null, 15, "com.mctb.").samples()).isZero();
    }
}

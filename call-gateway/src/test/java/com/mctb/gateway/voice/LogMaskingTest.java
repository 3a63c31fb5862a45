package com.mctb.gateway.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TwilioStandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the gateway logs about a call names the CallSid, never a whole phone number. */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class LogMaskingTest {

    private static final String UNKNOWN_NUMBER = "+15559876543";

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureTheLog() {
        KnownNumbers.publishAndAwait();
        capture.setLevel(Level.INFO);
        Logger.getLogger("com.mctb").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("com.mctb").removeHandler(capture);
    }

    @Test
    void aMissedCallIsLoggedWithTheCallersNumberMasked() {
        String callSid = Webhooks.callSid(7_001);

        Webhooks.post("/twilio/voice/dial-complete",
                Webhooks.dialComplete(callSid, KnownNumbers.CALLER, KnownNumbers.GLOW, "no-answer")).then().statusCode(200);

        String line = await().atMost(Duration.ofSeconds(20)).until(() -> lineAbout(callSid), l -> l != null);
        assertThat(line).contains("+1555*****01").doesNotContain(KnownNumbers.CALLER);
        assertThat(lines).noneMatch(l -> l.contains(KnownNumbers.CALLER));
    }

    @Test
    void aCallToANumberNobodyOwnsIsLoggedWithThatNumberMasked() {
        String callSid = Webhooks.callSid(7_002);

        Webhooks.post("/twilio/voice/incoming", Webhooks.call(callSid, KnownNumbers.CALLER, UNKNOWN_NUMBER))
                .then().statusCode(200);

        String line = await().atMost(Duration.ofSeconds(10)).until(() -> lineAbout(callSid), l -> l != null);
        assertThat(line).contains("no account owns this number").contains("+1555*****43")
                .doesNotContain(UNKNOWN_NUMBER);
        assertThat(lines).noneMatch(l -> l.contains(UNKNOWN_NUMBER) || l.contains(KnownNumbers.CALLER));
    }

    private String lineAbout(String callSid) {
        return lines.stream().filter(l -> l.contains(callSid)).findFirst().orElse(null);
    }
}

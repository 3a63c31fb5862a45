package com.mctb.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

    private static LoadRun.Result result(long lost, long errors, long timeouts, long slow, long... speedNanos) {
        return new LoadRun.Result(600, 6_000, 10.0, 5_400, 5_400 - lost, 0, 0, lost, 12_000, errors, timeouts, slow,
                new Percentiles(speedNanos), new Percentiles(new long[] {1_000_000}), 1);
    }

    @Test
    void webhooksNotAnswered200CountErrorsTimeoutsAndSlowAnswers() {
        LoadRun.Result r = result(0, 3, 4, 50, 1_000_000);
        assertThat(r.webhooksNot200Within15s()).isEqualTo(7);
        assertThat(r.webhooksNot200Within1s()).isEqualTo(57);
        assertThat(r.offeredPerSecond()).isEqualTo(600.0);
    }

    @Test
    void aRateBreaksOnALostTextAWebhookNotAnsweredOrASlowTail() {
        assertThat(BenchCommand.broken(result(0, 0, 0, 900, 1_000_000))).isNull(); // slow answers alone: still a 200
        assertThat(BenchCommand.broken(result(2, 0, 0, 0, 1_000_000))).isEqualTo("2 callers got no text");
        assertThat(BenchCommand.broken(result(0, 0, 9, 0, 1_000_000)))
                .isEqualTo("9 webhook requests not answered 200 within 15 s");
        assertThat(BenchCommand.broken(result(0, 0, 0, 0, 6_000_000_000L))).isEqualTo("speed-to-lead p99 6000 ms");
    }

    @Test
    void theDrainEndsAtTheFirstSampleAfterTheLastText() {
        CpuSnapshot steadyEnd = snapshot(10, 1_000);
        List<CpuSnapshot> timeline = new ArrayList<>(List.of(snapshot(5, 500), snapshot(11, 1_100), snapshot(12, 1_200),
                snapshot(13, 1_300)));
        CpuSnapshot last = snapshot(20, 2_000);
        assertThat(BenchCommand.drainEnd(timeline, steadyEnd, 1_150, last).nanoTime()).isEqualTo(12);
        assertThat(BenchCommand.drainEnd(timeline, steadyEnd, 400, last).nanoTime()).isEqualTo(11); // texts came early
        assertThat(BenchCommand.drainEnd(timeline, steadyEnd, 5_000, last)).isSameAs(last);
    }

    private static CpuSnapshot snapshot(long nanoTime, long epochNanos) {
        return new CpuSnapshot(nanoTime, epochNanos, Map.of(), 0, PostgresProcesses.Snapshot.NONE);
    }

    @Test
    void profileNamesAreShortOrTheProcessesOwn() {
        assertThat(BenchCommand.profileTarget("gateway")).hasValue("call-gateway");
        assertThat(BenchCommand.profileTarget("messaging-service")).hasValue("messaging-service");
        assertThat(BenchCommand.profileTarget("stand-in")).hasValue("twilio-standin");
        assertThat(BenchCommand.profileTarget("postgres")).isEmpty();
    }

    @Test
    void thePlotDrawsThePreviousRunPalerAndNamesBothDates(@TempDir Path dir) throws Exception {
        Map<String, List<double[]>> now = new LinkedHashMap<>();
        now.put("speed-to-lead p50", List.of(new double[] {50, 20}, new double[] {200, 40}));
        now.put("two-hop relay p50", List.of(new double[] {50, 1}, new double[] {200, 2}));
        PreviousRun previous = new PreviousRun(dir.resolve("old.json"), "2026-11-29T06:44:24Z", List.of(
                new PreviousRun.Row(50, 108, 639, 18.6, 254, Double.NaN, 33),
                new PreviousRun.Row(200, 6_309, 12_608, 21.8, 300, Double.NaN, 12)));
        List<LatencyPlot.Series> series = BenchCommand.plotSeries(now, "2026-12-02", Optional.of(previous));

        assertThat(series).filteredOn(s -> !s.light()).extracting(LatencyPlot.Series::label)
                .containsExactly("speed-to-lead p50, 2026-12-02 (this run)", "two-hop relay p50, 2026-12-02 (this run)");
        assertThat(series).filteredOn(LatencyPlot.Series::light).extracting(LatencyPlot.Series::label)
                .contains("speed-to-lead p50, 2026-11-29 (previous)", "two-hop relay p99, 2026-11-29 (previous)");
        assertThat(series).filteredOn(LatencyPlot.Series::light).extracting(LatencyPlot.Series::line)
                .doesNotContain(LatencyPlot.Line.SOLID);
        assertThat(BenchCommand.plotSeries(now, "2026-12-02", Optional.empty())).hasSize(2);

        Path png = dir.resolve("plot.png");
        LatencyPlot.write(png, "test", series);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(900);
        int pale = LatencyPlot.paler(series.get(0).colour()).getRGB();
        boolean drawn = false;
        for (int x = 0; x < image.getWidth() && !drawn; x++) {
            for (int y = 0; y < image.getHeight() && !drawn; y++) {
                drawn = image.getRGB(x, y) == pale;
            }
        }
        assertThat(drawn).as("the previous run's paler colour is in the picture").isTrue();
    }
}

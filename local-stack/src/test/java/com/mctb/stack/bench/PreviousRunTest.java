package com.mctb.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviousRunTest {

    @Test
    void readsTheCommittedResultsInTheOlderFormat() {
        // docs/perf/bench.json as the benchmark wrote it before the CPU split: one cpuMsPerCall figure
        PreviousRun run = PreviousRun.read(Path.of("../docs/perf/bench.json")).orElseThrow();
        assertThat(run.date()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(run.rows()).isNotEmpty();
        PreviousRun.Row first = run.rows().get(0);
        assertThat(first.rate()).isPositive();
        assertThat(first.p50()).isPositive();
        assertThat(first.relayP50()).isPositive();
        assertThat(run.series()).containsKeys("speed-to-lead p50", "speed-to-lead p99", "two-hop relay p50");
        assertThat(run.series().get("speed-to-lead p50")).hasSize(run.rows().size());
    }

    @Test
    void readsTheNewFormatsProductCpuAndLeavesOutWhatIsMissing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bench.json");
        Files.writeString(file, """
                {"measuredAt": "2026-12-02T17:01:02Z", "rates": [
                  {"rate": 50, "speedToLeadMs": {"p50": 40.5, "p99": 90}, "relayMs": {"p50": 1.2, "p99": 4},
                   "cpu": {"steady": {"productMsPerUnit": 6.25}}},
                  {"rate": 600, "speedToLeadMs": {"p50": 900, "p99": "NaN"}, "relayMs": {}}
                ]}""");
        PreviousRun run = PreviousRun.read(file).orElseThrow();
        assertThat(run.date()).isEqualTo("2026-12-02");
        assertThat(run.at(50)).hasValueSatisfying(r -> {
            assertThat(r.p50()).isEqualTo(40.5);
            assertThat(r.productCpuMsPerCall()).isEqualTo(6.25);
            assertThat(r.oldCpuMsPerCall()).isNaN();
        });
        assertThat(run.at(600).orElseThrow().p99()).isNaN();
        assertThat(run.at(200)).isEmpty();
        assertThat(run.series().get("speed-to-lead p99")).hasSize(1);
        assertThat(run.series().get("speed-to-lead p50")).hasSize(2);
    }

    @Test
    void noFileOrNotABenchFileIsNoPreviousRun(@TempDir Path dir) throws Exception {
        assertThat(PreviousRun.read(dir.resolve("missing.json"))).isEmpty();
        assertThat(PreviousRun.read(null)).isEmpty();
        Path faults = Files.writeString(dir.resolve("faults.json"), "{\"passed\": true}");
        assertThat(PreviousRun.read(faults)).isEmpty();
        Path garbage = Files.writeString(dir.resolve("garbage.json"), "not json");
        assertThat(PreviousRun.read(garbage)).isEmpty();
    }
}

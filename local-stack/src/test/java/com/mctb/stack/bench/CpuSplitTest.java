package com.mctb.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuSplitTest {

    private static Map<String, Long> jvms(long gateway, long gateway2, long messaging, long kafka, long standIn) {
        Map<String, Long> jvms = new LinkedHashMap<>();
        jvms.put("kafka", kafka);
        jvms.put("twilio-standin", standIn);
        jvms.put("call-gateway", gateway);
        jvms.put("messaging-service", messaging);
        jvms.put("call-gateway-2", gateway2);
        return jvms;
    }

    private static PostgresProcesses.Snapshot postgres(long benchBackend, long otherBackend) {
        return new PostgresProcesses.Snapshot(7, 0, 0, Map.of(
                70L, new PostgresProcesses.Process(benchBackend, "mctb_bench"),
                71L, new PostgresProcesses.Process(otherBackend, "test")));
    }

    @Test
    void theProductIsTheServicesKafkaAndPostgresqlAndNeitherTheStandInNorTheLoadGenerator() {
        CpuSnapshot from = new CpuSnapshot(0, 0, jvms(1_000, 50, 2_000, 3_000, 4_000), 900, postgres(10, 10));
        // 10 s later: ticks of 10 ms each
        CpuSnapshot to = new CpuSnapshot(10_000_000_000L, 10_000_000_000L, jvms(1_300, 70, 2_500, 3_100, 4_200), 950,
                postgres(110, 60));
        CpuSplit split = CpuSplit.between(from, to, "mctb_bench");

        assertThat(split.seconds()).isEqualTo(10.0);
        assertThat(split.services()).containsExactly(Map.entry("call-gateway", 3_000.0),
                Map.entry("messaging-service", 5_000.0), Map.entry("call-gateway-2", 200.0));
        assertThat(split.servicesTotal()).isEqualTo(8_200.0);
        assertThat(split.kafka()).isEqualTo(1_000.0);
        assertThat(split.postgres().product()).isEqualTo(1_000.0);
        assertThat(split.postgres().otherDatabases()).isEqualTo(500.0);
        assertThat(split.standIn()).isEqualTo(2_000.0);
        assertThat(split.loadGenerator()).isEqualTo(500.0);
        assertThat(split.product()).isEqualTo(8_200.0 + 1_000.0 + 1_000.0);
        assertThat(split.all()).isEqualTo(10_200.0 + 2_000.0 + 500.0 + 500.0);

        // 500 calls sent in the window: 20.4 ms of the product's CPU each; the gateway was 30 % of a core
        assertThat(CpuSplit.per(split.product(), 500)).isCloseTo(20.4, within(1e-9));
        assertThat(CpuSplit.per(split.product(), 0)).isZero();
        assertThat(split.percentOfACore(split.services().get("call-gateway"))).isCloseTo(30.0, within(1e-9));
        Map<String, Object> json = split.toJson(500);
        assertThat(json.get("productMsPerUnit")).isEqualTo(CpuSplit.per(split.product(), 500));
        assertThat(json).containsKeys("services", "eachService", "kafka", "postgresql", "twilioStandIn", "loadGenerator");
    }

    @Test
    void aProcessThatWasNotThereAtTheStartCountsNothing() {
        Map<String, Long> before = new LinkedHashMap<>(Map.of("kafka", 10L));
        CpuSnapshot from = new CpuSnapshot(0, 0, before, 0, PostgresProcesses.Snapshot.NONE);
        CpuSnapshot to = new CpuSnapshot(1_000_000_000L, 0, Map.of("kafka", 20L, "call-gateway", 500L), 0,
                PostgresProcesses.Snapshot.NONE);
        CpuSplit split = CpuSplit.between(from, to, "mctb_bench");
        assertThat(split.services()).containsExactly(Map.entry("call-gateway", 0.0));
        assertThat(split.kafka()).isEqualTo(100.0);
    }

    @Test
    void aSnapshotOfThisMachineSeesThisJvm() {
        CpuSnapshot now = CpuSnapshot.take(Map.of("self", ProcessHandle.current().pid()), PostgresProcesses.postmaster());
        assertThat(now.self()).isPositive();
        assertThat(now.jvms().get("self")).isPositive().isLessThanOrEqualTo(now.self()); // read just before
        assertThat(now.epochNanos()).isCloseTo(System.currentTimeMillis() * 1_000_000L, within(60_000_000_000L));
    }
}

package com.mctb.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the soak reads: heap in use from a scrape, connections into the brokers, and each figure's kind. */
class SoakRunTest {

    @Test
    void heapInUseIsTheSumOfTheHeapPools() {
        String scrape = String.join("\n",
                "# TYPE jvm_memory_used_bytes gauge",
                "jvm_memory_used_bytes{area=\"heap\",id=\"Tenured Gen\"} 3.145728E7",
                "jvm_memory_used_bytes{area=\"heap\",id=\"Eden Space\"} 1048576.0",
                "jvm_memory_used_bytes{area=\"nonheap\",id=\"Metaspace\"} 9.9E7",
                "jvm_memory_used_bytes_other{area=\"heap\"} 5");

        assertThat(SoakRun.heapUsedMb(scrape)).contains(31.0);
        assertThat(SoakRun.heapUsedMb("http_requests_total 3")).isEmpty();
    }

    @Test
    void connectionsIntoTheBrokersAreTheEstablishedOnesOnTheirPorts() {
        List<String> tcp = List.of(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 0100007F:2384 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1",
                "   1: 0100007F:2384 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000     0        0 2 1",
                "   2: 0100007F:2386 0100007F:D2F2 01 00000000:00000000 00:00000000 00000000     0        0 3 1",
                "   3: 0100007F:D2F0 0100007F:2384 01 00000000:00000000 00:00000000 00000000     0        0 4 1",
                "   4: 0100007F:1F90 0100007F:D2F4 01 00000000:00000000 00:00000000 00000000     0        0 5 1");

        // 0x2384 = 9092, 0x2386 = 9094: two established into brokers; the listener (0A) and the client ends are not.
        assertThat(SoakRun.establishedTo(tcp, Set.of(9092, 9094, 9096))).isEqualTo(2);
    }

    @Test
    void memoryConnectionsAndOutboxesMustLevelOffKeptRowsAreReported() {
        List<Growth.Sample> rising = List.of(new Growth.Sample(1, 0), new Growth.Sample(15, 50_000), new Growth.Sample(30, 100_000));

        assertThat(SoakRun.verdict("workflow.processed_event rows", rising, 3, 50).fails()).isFalse();
        assertThat(SoakRun.verdict("workflow.processed_event rows", rising, 3, 50).grows()).isTrue();
        assertThat(SoakRun.verdict("gateway.outbox rows", rising, 3, 50).fails()).isTrue();
        assertThat(SoakRun.verdict("rss call-gateway", rising, 3, 50).fails()).isTrue();
        assertThat(SoakRun.verdict("pg connections mctb_soak", rising, 3, 50).kind()).isEqualTo(Growth.Kind.BOUNDED);
        assertThat(SoakRun.verdict("gateway.outbox rows", List.of(new Growth.Sample(1, 20), new Growth.Sample(15, 400),
                new Growth.Sample(30, 150)), 3, 50).fails()).isFalse();
    }
}

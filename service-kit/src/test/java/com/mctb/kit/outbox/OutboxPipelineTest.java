package com.mctb.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboxPipelineTest {

    private final Table table = new Table();
    private final List<OutboxRow> sent = new ArrayList<>();
    private final List<CompletableFuture<Object>> acks = new ArrayList<>();
    private final ScheduledExecutorService broker = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopBroker() {
        broker.shutdownNow();
    }

    @Test
    void aRowIsDeletedOnlyOnceTheBrokerAcknowledgedIt() {
        table.add(3, "k");
        OutboxPipeline pipeline = new OutboxPipeline(table, row -> {
            CompletableFuture<Object> ack = record(row);
            broker.schedule(() -> {
                assertThat(table.rows).containsKey(row.id()); // still there while the ack is out
                ack.complete("ok");
            }, 50, TimeUnit.MILLISECONDS);
            return ack;
        }, 10, 2, Duration.ofSeconds(5));

        int relayed = pipeline.drain(() -> false, () -> true);

        assertThat(relayed).isEqualTo(3);
        assertThat(table.rows).isEmpty();
        assertThat(ids(sent)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void theNextBatchIsReadAndSentWhileTheFirstIsStillUnacknowledged() {
        table.add(25, "k");
        OutboxPipeline pipeline = new OutboxPipeline(table, row -> {
            CompletableFuture<Object> ack = record(row);
            // The broker answers only once three batches are out: the pipeline must not wait for the first.
            if (sent.size() == 25) {
                acks.forEach(a -> broker.schedule(() -> a.complete("ok"), 10, TimeUnit.MILLISECONDS));
            }
            return ack;
        }, 10, 3, Duration.ofSeconds(5));

        int relayed = pipeline.drain(() -> false, () -> true);

        assertThat(relayed).isEqualTo(25);
        assertThat(table.rows).isEmpty();
        assertThat(ids(sent)).isEqualTo(longs(1, 25));
        assertThat(table.reads.get(0)).isEmpty();
        assertThat(table.reads.get(1)).hasSize(10).contains(1L, 10L); // read while 1..10 were in flight
    }

    @Test
    void noMoreThanDepthBatchesAreInFlight() {
        table.add(50, "k");
        int[] mostInFlight = {0};
        OutboxPipeline pipeline = new OutboxPipeline(table, row -> {
            CompletableFuture<Object> ack = record(row);
            long unacknowledged = acks.stream().filter(a -> !a.isDone()).count();
            mostInFlight[0] = (int) Math.max(mostInFlight[0], unacknowledged);
            broker.schedule(() -> ack.complete("ok"), 5, TimeUnit.MILLISECONDS);
            return ack;
        }, 5, 2, Duration.ofSeconds(5));

        pipeline.drain(() -> false, () -> true);

        assertThat(mostInFlight[0]).isLessThanOrEqualTo(10);
        assertThat(ids(sent)).isEqualTo(longs(1, 50));
    }

    @Test
    void aFailedRecordAndEverythingAfterItIsSentAgainInOrderEvenWhatTheBrokerTook() {
        table.add(12, "same-key");
        OutboxPipeline failing = new OutboxPipeline(table, row -> {
            CompletableFuture<Object> ack = record(row);
            if (row.id() == 4) {
                ack.completeExceptionally(new IllegalStateException("delivery timed out"));
            } else {
                ack.complete("ok");
            }
            return ack;
        }, 5, 3, Duration.ofSeconds(5));

        assertThatThrownBy(() -> failing.drain(() -> false, () -> true))
                .isInstanceOf(OutboxPipeline.OutboxRelayException.class)
                .hasMessageContaining("outbox row 4");

        // 1-3 acknowledged before the failure: gone. 4 failed; 5-12 were taken by the broker but come after it.
        assertThat(table.rows.keySet()).isEqualTo(new java.util.TreeSet<>(longs(4, 12)));
        sent.clear();
        OutboxPipeline healthy = new OutboxPipeline(table, row -> {
            CompletableFuture<Object> ack = record(row);
            ack.complete("ok");
            return ack;
        }, 5, 3, Duration.ofSeconds(5));
        assertThat(healthy.drain(() -> false, () -> true)).isEqualTo(9);
        assertThat(ids(sent)).isEqualTo(longs(4, 12));
        assertThat(table.rows).isEmpty();
    }

    @Test
    void aBrokerThatRefusesAtOnceStopsTheTermAndKeepsTheRows() {
        table.add(6, "k");
        OutboxPipeline pipeline = new OutboxPipeline(table, row -> {
            if (row.id() == 3) {
                throw new IllegalStateException("no metadata within max.block.ms");
            }
            CompletableFuture<Object> ack = record(row);
            ack.complete("ok");
            return ack;
        }, 10, 3, Duration.ofSeconds(5));

        assertThatThrownBy(() -> pipeline.drain(() -> false, () -> true))
                .isInstanceOf(OutboxPipeline.OutboxRelayException.class);

        assertThat(ids(sent)).containsExactly(1L, 2L); // nothing after the refusal was sent
        assertThat(table.rows.keySet()).containsExactly(3L, 4L, 5L, 6L);
    }

    @Test
    void anAcknowledgementThatNeverComesFailsAtTheTimeout() {
        table.add(2, "k");
        OutboxPipeline pipeline = new OutboxPipeline(table, this::record, 10, 2, Duration.ofMillis(100));

        assertThatThrownBy(() -> pipeline.drain(() -> false, () -> true))
                .isInstanceOf(OutboxPipeline.OutboxRelayException.class)
                .hasMessageContaining("outbox row 1");
        assertThat(table.rows).hasSize(2);
    }

    @Test
    void rowsCommittedDuringTheTermAreSentInTheSameTermWhenACommitWokeIt() {
        table.add(2, "k");
        boolean[] woken = {false};
        OutboxPipeline pipeline = new OutboxPipeline(table, row -> {
            CompletableFuture<Object> ack = record(row);
            if (row.id() == 2) {
                table.add(1, "k"); // another transaction commits id 3 meanwhile, and wakes the relay
                woken[0] = true;
            }
            ack.complete("ok");
            return ack;
        }, 10, 2, Duration.ofSeconds(5));

        int relayed = pipeline.drain(() -> {
            boolean was = woken[0];
            woken[0] = false;
            return was;
        }, () -> true);

        assertThat(relayed).isEqualTo(3);
        assertThat(ids(sent)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aShortBatchWithNoWakeUpEndsTheTermWithoutAnotherRead() {
        table.add(2, "k");
        OutboxPipeline pipeline = new OutboxPipeline(table, row -> {
            CompletableFuture<Object> ack = record(row);
            ack.complete("ok");
            return ack;
        }, 10, 2, Duration.ofSeconds(5));

        pipeline.drain(() -> false, () -> true);

        assertThat(table.reads).hasSize(1);
        assertThat(table.deletes).isEqualTo(1);
    }

    private CompletableFuture<Object> record(OutboxRow row) {
        sent.add(row);
        CompletableFuture<Object> ack = new CompletableFuture<>();
        acks.add(ack);
        return ack;
    }

    private static List<Long> ids(List<OutboxRow> rows) {
        return rows.stream().map(OutboxRow::id).collect(Collectors.toList());
    }

    private static List<Long> longs(long from, long to) {
        List<Long> all = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            all.add(i);
        }
        return all;
    }

    /** The outbox table in memory; records what the pipeline read (the in-flight ids it left out) and deleted. */
    private static final class Table implements OutboxRows {
        final TreeMap<Long, OutboxRow> rows = new TreeMap<>();
        final List<List<Long>> reads = new ArrayList<>();
        int deletes;
        long nextId = 1;

        synchronized void add(int n, String key) {
            for (int i = 0; i < n; i++) {
                long id = nextId++;
                rows.put(id, new OutboxRow(id, "t", key, "{}", null, "e" + id, "T", Instant.now()));
            }
        }

        @Override
        public boolean lead() {
            return true;
        }

        @Override
        public void release() {
        }

        @Override
        public synchronized List<OutboxRow> oldest(Collection<Long> inFlight, int limit) {
            reads.add(new ArrayList<>(new java.util.TreeSet<>(inFlight)));
            return rows.values().stream().filter(r -> !inFlight.contains(r.id())).limit(limit).toList();
        }

        @Override
        public synchronized void delete(Collection<Long> ids) {
            ids.forEach(rows::remove);
            deletes++;
        }
    }
}

package com.mctb.messaging.sending;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.contracts.event.Channel;
import com.mctb.messaging.config.MessagingConfig;
import com.mctb.messaging.persistence.SendingSlots;
import com.mctb.messaging.sending.SendingRateGate.Sender;
import com.mctb.messaging.support.Statements;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TwilioStandInResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The rate of a sending number holds across replicas: two gates, as two instances have, over the one database, share
 * the number's slots (toll-free: 4/s in the test profile), and a batch of texts takes its slots in one statement.
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class SharedSendingRateTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final AtomicInteger NUMBERS = new AtomicInteger((int) (System.nanoTime() & 0xFFF));

    @Inject
    SendingRateGate thisInstance;

    @Inject
    MessagingConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void twoInstancesSendingForOneNumberHoldItsRateTogether() throws Exception {
        SendingRateGate otherInstance = new SendingRateGate(config.rateLimit(), new SendingSlots(dataSource));
        String number = "+1800555" + (1000 + (System.nanoTime() & 0xFFF) % 9000);
        List<Long> sentAt = Collections.synchronizedList(new ArrayList<>());
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        CountDownLatch done = new CountDownLatch(10);
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            SendingRateGate gate = i % 2 == 0 ? thisInstance : otherInstance;
            replicas.execute(() -> {
                long wait = gate.reserve(Channel.SMS, number);
                // The timer would hold the wait; here the replica's thread does, then "sends".
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                sentAt.add(System.nanoTime() - start);
                done.countDown();
            });
        }
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        replicas.shutdown();

        List<Long> times = new ArrayList<>(sentAt);
        Collections.sort(times);
        // 10 texts at 4/s: the last goes 9 slots (2.25 s) after the first, not 1 s as with a gate per instance.
        assertThat(times.get(9) - times.get(0)).as("first to last send").isGreaterThanOrEqualTo(2_100 * MS);
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 1)).as("between send %d and %d", i, i + 1)
                    .isGreaterThanOrEqualTo(200 * MS);
        }
    }

    @Test
    void eachReservationTakesOneSlotOfTheNumbersRow() throws Exception {
        String number = "+1800556" + (1000 + (System.nanoTime() & 0xFFF) % 9000);
        int n = 200;
        long start = System.nanoTime();
        long lastWait = 0;
        for (int i = 0; i < n; i++) {
            lastWait = thisInstance.reserve(Channel.SMS, number);
        }
        long elapsed = System.nanoTime() - start;
        System.out.printf("shared sending slots: %d reservations (one upsert each), %.3f ms each%n", n,
                elapsed / 1e6 / n);

        // 200 texts at 4/s: the last one's slot is 199 × 250 ms after the first, less the time the loop took.
        assertThat(lastWait).isBetween(199 * 250 * MS - elapsed - 50 * MS, 199 * 250 * MS + 50 * MS);
        try (Connection c = dataSource.getConnection(); ResultSet r = c.createStatement().executeQuery(
                "select extract(epoch from next_slot - now()) from sending_slot where number = '" + number + "'")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getDouble(1)).as("the row holds the next free slot, 200 slots on").isBetween(50.0 - elapsed / 1e9 - 0.5, 50.3);
        }
    }

    @Test
    void aBatchTakesItsSlotsInOneStatementTextsOfOneNumberOneAfterAnother() throws Exception {
        String a = tollFree();
        String b = tollFree();
        List<Sender> batch = List.of(sms(a), sms(b), sms(a), sms(b), sms(a));
        long start = System.nanoTime();

        Statements.Counted<long[]> first = Statements.count(() -> thisInstance.reserve(batch));

        assertThat(first.statements()).as("statements sent for a batch of 5 texts").isEqualTo(1);
        assertThat(first.result()).as("3 texts of one idle number and 2 of another, at 4/s")
                .containsExactly(0, 0, 250 * MS, 250 * MS, 500 * MS);
        long[] next = thisInstance.reserve(List.of(sms(b), sms(a)));
        long elapsed = System.nanoTime() - start;
        assertThat(next[0]).as("B's third slot, 2 on from the first batch's time")
                .isBetween(500 * MS - elapsed, 500 * MS);
        assertThat(next[1]).as("A's fourth slot").isBetween(750 * MS - elapsed, 750 * MS);
        double aAhead = secondsAhead(a);
        double bAhead = secondsAhead(b);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(aAhead).as("A's row: 4 slots on").isBetween(1.0 - seconds, 1.0);
        assertThat(bAhead).as("B's row: 3 slots on").isBetween(0.75 - seconds, 0.75);
    }

    @Test
    void twoReplicasReservingBatchesAtOnceNeverExceedTheRate() throws Exception {
        SendingRateGate otherInstance = new SendingRateGate(config.rateLimit(), new SendingSlots(dataSource));
        String a = tollFree();
        String b = tollFree();
        List<Sender> batch = List.of(sms(a), sms(b), sms(a), sms(b), sms(a));
        int rounds = 3;
        Map<String, List<Long>> sendAt = new ConcurrentHashMap<>(Map.of(a, Collections.synchronizedList(new ArrayList<>()),
                b, Collections.synchronizedList(new ArrayList<>())));
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        List<Future<?>> done = new ArrayList<>();
        for (SendingRateGate gate : List.of(thisInstance, otherInstance)) {
            done.add(replicas.submit(() -> {
                for (int round = 0; round < rounds; round++) {
                    together.await();
                    long[] waits = gate.reserve(batch);
                    // When the replica's timer would send each: now plus its wait.
                    long answered = System.nanoTime();
                    for (int k = 0; k < batch.size(); k++) {
                        sendAt.get(batch.get(k).from()).add(answered + waits[k]);
                    }
                }
                return null;
            }));
        }
        for (Future<?> replica : done) {
            replica.get(20, TimeUnit.SECONDS);
        }
        replicas.shutdown();

        // 2 replicas × 3 batches: 18 texts of A, 12 of B, each in a slot of its own, 250 ms apart.
        for (Map.Entry<String, List<Long>> number : sendAt.entrySet()) {
            List<Long> times = new ArrayList<>(number.getValue());
            Collections.sort(times);
            int n = times.size();
            assertThat(n).isEqualTo(number.getKey().equals(a) ? 18 : 12);
            assertThat(times.get(n - 1) - times.get(0)).as("first to last send of %s", number.getKey())
                    .isGreaterThanOrEqualTo((n - 1) * 250 * MS - 100 * MS);
            for (int i = 1; i < n; i++) {
                // Each text's time is its slot plus how late its replica read the answer (on a loaded box, a few ms).
                assertThat(times.get(i) - times.get(i - 1)).as("between send %d and %d of %s", i, i + 1, number.getKey())
                        .isGreaterThanOrEqualTo(150 * MS);
            }
        }
    }

    /**
     * What a reservation costs, text by text (each its own statement, as before batches) against the same texts in
     * the intake's batches: statements as pgjdbc sent them, and the time until the waits are known. Prints the figures
     * with the machine's load.
     */
    @Test
    void aBatchOfTextsCostsOneStatement() throws Exception {
        int numbers = 50;
        int perNumber = 4;
        int batchSize = 20;
        warmUp();
        List<Sender> oneByOne = texts(numbers, perNumber);
        List<Sender> inBatches = texts(numbers, perNumber);
        List<Sender> inOne = texts(numbers, perNumber);
        int n = oneByOne.size();
        String loadBefore = loadAverage();

        Statements.Counted<Long> single = Statements.count(() -> timed(() -> oneByOne.forEach(t -> thisInstance.reserve(t.channel(), t.from()))));
        Statements.Counted<Long> batched = Statements.count(() -> timed(() -> {
            for (int i = 0; i < n; i += batchSize) {
                thisInstance.reserve(inBatches.subList(i, i + batchSize));
            }
        }));
        Statements.Counted<Long> whole = Statements.count(() -> timed(() -> thisInstance.reserve(inOne)));

        String loadAfter = loadAverage();
        System.out.printf("shared sending slots, %d texts (%d numbers × %d), load average %s → %s:%n", n, numbers,
                perNumber, loadBefore, loadAfter);
        System.out.printf("  text by text:      %d statements (%.2f per text), %.3f ms per statement, %.3f ms per text%n",
                single.statements(), (double) single.statements() / n, single.result() / 1e6 / single.statements(),
                single.result() / 1e6 / n);
        System.out.printf("  batches of %d:     %d statements (%.2f per text), %.3f ms per statement, %.3f ms per text%n",
                batchSize, batched.statements(), (double) batched.statements() / n,
                batched.result() / 1e6 / batched.statements(), batched.result() / 1e6 / n);
        System.out.printf("  one batch of %d:  %d statement(s), %.3f ms for the batch, %.3f ms per text%n", n,
                whole.statements(), whole.result() / 1e6, whole.result() / 1e6 / n);
        assertThat(single.statements()).as("text by text: one statement each").isEqualTo(n);
        assertThat(batched.statements()).as("one statement per batch").isEqualTo(n / batchSize);
        assertThat(whole.statements()).isEqualTo(1);
    }

    private void warmUp() {
        List<Sender> texts = texts(20, 2);
        texts.forEach(t -> thisInstance.reserve(t.channel(), t.from()));
        for (int i = 0; i < 10; i++) {
            thisInstance.reserve(texts(10, 2));
        }
    }

    /** {@code perNumber} texts of each of {@code numbers} new long codes, the numbers interleaved. */
    private static List<Sender> texts(int numbers, int perNumber) {
        int base = NUMBERS.getAndAdd(numbers);
        List<Sender> texts = new ArrayList<>();
        for (int k = 0; k < perNumber; k++) {
            for (int i = 0; i < numbers; i++) {
                texts.add(sms(String.format("+1555%07d", 2_000_000 + base + i)));
            }
        }
        return texts;
    }

    private static String tollFree() {
        return String.format("+1800557%04d", NUMBERS.getAndIncrement() % 10_000);
    }

    private static Sender sms(String from) {
        return new Sender(Channel.SMS, from);
    }

    private static long timed(Runnable step) {
        long start = System.nanoTime();
        step.run();
        return System.nanoTime() - start;
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** How far ahead of now the number's row holds its next free slot, in seconds. */
    private double secondsAhead(String number) throws Exception {
        try (Connection c = dataSource.getConnection(); ResultSet r = c.createStatement().executeQuery(
                "select extract(epoch from next_slot - statement_timestamp()) from sending_slot where number = '" + number + "'")) {
            assertThat(r.next()).isTrue();
            return r.getDouble(1);
        }
    }
}

package com.mctb.gateway.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mctb.contracts.Topics;
import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.DialStatus;
import com.mctb.contracts.json.EventJson;
import com.mctb.gateway.config.GatewayConfig;
import com.mctb.kit.kafka.CloudEvents;
import com.mctb.kit.kafka.KafkaProducers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fall-back chain when the database is slow or away, and then Kafka too: the webhook's call is kept on disk in
 * time and reported later. No framework: the writer and the spool run their own threads, the database is a fake.
 */
class MissedCallPublisherTest {

    @TempDir
    Path spoolDir;

    private final FakeOutcomes outcomes = new FakeOutcomes();
    private MockProducer<String, String> kafka;
    private MissedCallPublisher publisher;
    private MissedCallSpool spool;
    private OutcomeWriter writer;

    @BeforeEach
    void wire() {
        kafka = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        spool = new MissedCallSpool();
        spool.config = config(spoolDir);
        spool.outcomes = outcomes;
        spool.kafka = new KafkaProducers(kafka, "call-gateway");
        spool.registry = registry;
        spool.init(null);
        writer = new OutcomeWriter();
        writer.outcomes = outcomes;
        writer.start(64, 50);
        publisher = new MissedCallPublisher();
        publisher.writer = writer;
        publisher.spool = spool;
        publisher.config = spool.config;
        publisher.registry = registry;
    }

    @AfterEach
    void stop() {
        outcomes.release.countDown();
        writer.stop(null);
        spool.stop(null);
    }

    @Test
    void normallyTheDatabaseAndOutboxTakeIt() throws Exception {
        assertThat(report(missed("CA1"))).isTrue();

        assertThat(outcomes.reported).extracting(CallMissed::callSid).containsExactly("CA1");
        assertThat(kafka.history()).isEmpty();
        assertThat(spool.size()).isZero();
    }

    @Test
    void concurrentCallsShareOneTransaction() throws Exception {
        outcomes.stall = true;
        CompletableFuture<Boolean> first = publisher.report(missed("CA10")).toCompletableFuture();
        await().pollInterval(Duration.ofMillis(2)).until(() -> outcomes.stalled.getCount() == 0);
        // While the first batch is being written, more queue up: they are written together, in one transaction.
        List<CompletableFuture<Boolean>> more = new ArrayList<>();
        for (int i = 11; i < 16; i++) {
            more.add(publisher.report(missed("CA" + i)).toCompletableFuture());
        }
        outcomes.release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isTrue();
        for (CompletableFuture<Boolean> f : more) {
            f.get(5, TimeUnit.SECONDS);
        }
        await().until(() -> outcomes.reported.size() == 6);
        assertThat(outcomes.batches).contains(5);
    }

    @Test
    void withTheDatabaseAwayItIsSpooledAndPublishedStraightToKafka() throws Exception {
        outcomes.databaseDown = true;

        assertThat(report(missed("CA2"))).isTrue();
        assertThat(spool.size()).isEqualTo(1);
        spool.drain();

        assertThat(spool.size()).isZero();
        assertThat(kafka.history()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo(Topics.CALLS_MISSED);
            assertThat(record.key()).isEqualTo("glow/+15551230001");
            assertThat(EventJson.decode(record.value(), CallMissed.class).callSid()).isEqualTo("CA2");
            // The same CloudEvents envelope as a record the outbox relay sends.
            assertThat(CloudEvents.header(record.headers(), CloudEvents.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(CloudEvents.header(record.headers(), CloudEvents.ID)).isEqualTo("CallMissed/CA2");
            assertThat(CloudEvents.header(record.headers(), CloudEvents.TYPE)).isEqualTo("com.mctb.CallMissed.v1");
            assertThat(CloudEvents.header(record.headers(), CloudEvents.SOURCE)).isEqualTo("call-gateway");
            assertThat(Instant.parse(CloudEvents.header(record.headers(), CloudEvents.TIME))).isNotNull();
        });
    }

    @Test
    void withBothAwayItWaitsOnDiskAndIsReportedWhenTheDatabaseIsBack() throws Exception {
        outcomes.databaseDown = true;
        kafka = new MockProducer<>(false, null, new StringSerializer(), new StringSerializer());
        spool.kafka = new KafkaProducers(kafka);
        Thread failer = new Thread(() -> {
            while (kafka.history().isEmpty()) {
                Thread.onSpinWait();
            }
            kafka.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker away"));
        });
        failer.start();

        assertThat(report(missed("CA3"))).isTrue();
        assertThat(spool.size()).isEqualTo(1);
        assertThat(Files.readString(spoolDir.resolve("missed-calls.jsonl"))).contains("CA3");

        spool.drain();
        failer.join();
        assertThat(spool.size()).isEqualTo(1);
        outcomes.databaseDown = false;
        spool.drain();

        assertThat(spool.size()).isZero();
        assertThat(outcomes.reported).extracting(CallMissed::callSid).containsExactly("CA3");
        try (var left = Files.list(spoolDir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aStalledDatabaseDoesNotHoldTheCallerItsCallIsSpooledAndReportedOnceWhenTheDatabaseMovesAgain()
            throws Exception {
        outcomes.stall = true;

        long started = System.nanoTime();
        assertThat(report(missed("CA4"))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(spool.size()).isEqualTo(1);
        assertThat(outcomes.reported).isEmpty();

        outcomes.release.countDown();
        await().until(() -> outcomes.reported.size() == 1);
        spool.drain();

        assertThat(spool.size()).isZero();
        // The writer's copy and the spool's met at the CallSid row: one report.
        assertThat(outcomes.reported).extracting(CallMissed::callSid).containsExactly("CA4");
        assertThat(kafka.history()).isEmpty();
    }

    @Test
    void aLinePartlyWrittenByACrashIsSetAsideAndTheRestIsReplayed() throws Exception {
        spool.stop(null);
        // A crash mid-write left half a line in an older sealed file and at the end of the active one.
        String whole = EventJson.encode(missed("CA21"));
        Files.writeString(spoolDir.resolve("missed-calls.sealed-0000000000000000001-000000.jsonl"),
                EventJson.encode(missed("CA20")) + "\n" + whole.substring(0, 40) + "\n" + EventJson.encode(missed("CA22"))
                        + "\n");
        Files.writeString(spoolDir.resolve("missed-calls.jsonl"), whole.substring(0, 30));
        spool.init(null);

        spool.append(missed("CA23")).get(5, TimeUnit.SECONDS); // after the torn line, on a line of its own
        spool.drain();
        spool.drain();

        assertThat(outcomes.reported).extracting(CallMissed::callSid).containsExactlyInAnyOrder("CA20", "CA22", "CA23");
        assertThat(spool.size()).isZero();
        assertThat(Files.readAllLines(spoolDir.resolve("missed-calls.corrupt"))).containsExactly(
                whole.substring(0, 40), whole.substring(0, 30));
        assertThat(spool.registry.counter("mctb.calls.missed.spool.corrupt").count()).isEqualTo(2);
        try (var left = Files.list(spoolDir)) {
            assertThat(left).extracting(f -> f.getFileName().toString()).containsExactly("missed-calls.corrupt");
        }
    }

    @Test
    void anAnsweredCallTheDatabaseCannotTakeWaitsOnTheSpoolNotOnKafkaAndIsHeldUntilWritten() throws Exception {
        outcomes.databaseDown = true;
        AnsweredCallRecorder answered = new AnsweredCallRecorder();
        answered.writer = writer;
        answered.spool = spool;
        answered.config = spool.config;
        answered.registry = new SimpleMeterRegistry();

        answered.record(CallOutcomes.Decision.answered("CA9", "glow", "+15551230001", "+15557654321", false,
                DialStatus.COMPLETED)).toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(spool.holds("CA9")).as("on disk before the webhook is answered").isTrue();
        spool.drain();
        assertThat(kafka.history()).as("an answered call is written to the database only").isEmpty();
        assertThat(spool.holds("CA9")).isTrue();
        MissedCallSpool restarted = new MissedCallSpool();
        restarted.config = spool.config;
        restarted.registry = new SimpleMeterRegistry();
        restarted.init(null);
        assertThat(restarted.holds("CA9")).as("a restart reads what the spool holds back from disk").isTrue();
        restarted.stop(null);

        outcomes.databaseDown = false;
        spool.drain();

        assertThat(outcomes.decided).singleElement().satisfies(d -> {
            assertThat(d.callSid()).isEqualTo("CA9");
            assertThat(d.missed()).isNull();
            assertThat(d.status()).isEqualTo(DialStatus.COMPLETED);
            assertThat(d.accountId()).isEqualTo("glow");
        });
        assertThat(spool.holds("CA9")).isFalse();
        assertThat(spool.size()).isZero();
    }

    private boolean report(CallMissed missed) throws Exception {
        return publisher.report(missed).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static CallMissed missed(String callSid) {
        return new CallMissed(callSid, "glow", "+15551230001", "+15557654321", DialStatus.NO_ANSWER, 17, false,
                Instant.parse("2026-11-28T14:00:00Z"));
    }

    private static GatewayConfig config(Path spoolDir) {
        return new GatewayConfig() {
            public int defaultTimeoutSeconds() {
                return 20;
            }

            public String defaultRegion() {
                return "US";
            }

            public int maxVoicemailSeconds() {
                return 120;
            }

            public java.time.Duration statusGrace() {
                return java.time.Duration.ofSeconds(10);
            }

            public String spoolDirectory() {
                return spoolDir.toString();
            }

            public int screeningSeconds() {
                return 8;
            }

            public String twilioApiBaseUrl() {
                return "https://api.twilio.com";
            }

            public int recordingCacheMegabytes() {
                return 32;
            }

            public Duration writeDeadline() {
                return Duration.ofMillis(250);
            }

            public int writerQueue() {
                return 64;
            }

            public int writerBatch() {
                return 50;
            }
        };
    }

    /** The database side: decides once per CallSid, unless it is "down" or stalled. */
    static final class FakeOutcomes extends CallOutcomes {
        volatile boolean databaseDown;
        volatile boolean stall;
        final CountDownLatch stalled = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<CallMissed> reported = new CopyOnWriteArrayList<>();
        final List<Integer> batches = new CopyOnWriteArrayList<>();
        final List<Decision> decided = new CopyOnWriteArrayList<>();

        @Override
        public synchronized List<Boolean> decideAll(List<Decision> decisions) {
            if (databaseDown) {
                throw new IllegalStateException("Acquisition timeout while waiting for new connection");
            }
            if (stall) {
                stalled.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            batches.add(decisions.size());
            List<Boolean> won = new ArrayList<>();
            for (Decision d : decisions) {
                boolean first = decided.stream().noneMatch(m -> m.callSid().equals(d.callSid()));
                if (first) {
                    decided.add(d);
                    if (d.missed() != null) {
                        reported.add(d.missed());
                    }
                }
                won.add(first);
            }
            return won;
        }
    }
}

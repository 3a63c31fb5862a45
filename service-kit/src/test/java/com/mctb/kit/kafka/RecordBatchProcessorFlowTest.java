package com.mctb.kit.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mctb.contracts.event.CallAnswered;
import com.mctb.contracts.json.EventJson;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@link RecordBatchProcessor} and {@link DeadLetterWrites} against the real broker and database, through a consumer
 * as the services write them ({@link FlowConsumer} on kit.flow, one partition).
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(FlowTopic.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecordBatchProcessorFlowTest {

    private static final String READY_CHECK = "Dead letters written";

    @Inject
    MeterRegistry registry;

    @Inject
    RecordBatchProcessor processor;

    @Inject
    EntityManager em;

    @Test
    @Order(1)
    void aDeadLetterThatCannotBeWrittenHoldsItsRecordWithReadinessDownUntilItsTopicAppears() {
        // kit.flow.dlq does not exist and the broker creates no topic by itself: the dead letter cannot be written.
        TopicProbe.send(FlowTopic.TOPIC, "poison", "not json");
        send("after-poison");

        // Each try waits up to the producer's max.block.ms (3 s) for the topic's metadata.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(registry.counter(DeadLetterWrites.FAILURES).count()).isGreaterThanOrEqualTo(1);
            assertThat(readiness(READY_CHECK)).isEqualTo("DOWN");
            assertThat(registry.get(DeadLetterWrites.WAITING).gauge().value()).isEqualTo(1);
        });
        assertThat(given().get("/q/metrics").asString()).contains("mctb_dead_letter_write_failures_total")
                .contains("mctb_dead_letters_waiting 1.0");
        // Held, not skipped: the record after it waits.
        assertThat(FlowConsumer.handled).doesNotContain("after-poison");

        FlowTopic.create(FlowTopic.DLQ);

        List<ConsumerRecord<String, String>> letters = TopicProbe.readUntil(FlowTopic.DLQ,
                r -> r.stream().anyMatch(l -> "poison".equals(l.key())), Duration.ofSeconds(30), Duration.ofMillis(200));
        ConsumerRecord<String, String> letter = letters.stream().filter(l -> "poison".equals(l.key())).findFirst()
                .orElseThrow();
        assertThat(header(letter, DeadLetters.CONSUMER_HEADER)).isEqualTo(FlowConsumer.NAME);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(FlowConsumer.handled).contains("after-poison");
            assertThat(readiness(READY_CHECK)).isEqualTo("UP");
            assertThat(registry.get(DeadLetterWrites.WAITING).gauge().value()).isZero();
        });
        // The same consumer goes on: a later record is handled too.
        send("later");
        await().atMost(Duration.ofSeconds(30)).until(() -> FlowConsumer.handled.contains("later"));
    }

    @Test
    @Order(2)
    void aRecordThatTimesOutEveryTimeIsDeadLetteredWithTheTimeoutAsWhyAndTheNextIsHandled() {
        FlowTopic.create(FlowTopic.DLQ);
        send("slow-1");
        send("after-slow");

        List<ConsumerRecord<String, String>> letters = TopicProbe.readUntil(FlowTopic.DLQ,
                r -> r.stream().anyMatch(l -> "slow-1".equals(l.key())), Duration.ofSeconds(60), Duration.ofMillis(200));
        ConsumerRecord<String, String> letter = letters.stream().filter(l -> "slow-1".equals(l.key())).findFirst()
                .orElseThrow();
        assertThat(header(letter, DeadLetters.ERROR_HEADER)).contains("timed out 3 times")
                .contains("canceling statement due to statement timeout");
        assertThat(FlowConsumer.tries.get("slow-1").get()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(30)).until(() -> FlowConsumer.handled.contains("after-slow"));
    }

    @Test
    @Order(3)
    void aFailureThatSaysTheDatabaseIsClosedIsWaitedOutNotDeadLettered() {
        FlowTopic.create(FlowTopic.DLQ);
        send("closing-1");

        await().atMost(Duration.ofSeconds(30)).until(() -> FlowConsumer.handled.contains("closing-1"));
        assertThat(FlowConsumer.tries.get("closing-1").get()).isEqualTo(3);
        assertThat(TopicProbe.readAll(FlowTopic.DLQ, Duration.ofSeconds(1))).noneMatch(l -> "closing-1".equals(l.key()));
    }

    @Test
    @Order(4)
    void whileTheServiceStopsAFailedRecordIsLeftUnacknowledgedNotDeadLettered() {
        FlowTopic.create(FlowTopic.DLQ);
        RecordBatchProcessor instance = ClientProxy.unwrap(processor);
        instance.stopping(null);
        try {
            ConsumerRecord<String, String> record = record("stopping-1", 999_999);
            EventHandler<CallAnswered> failing = e -> {
                throw new IllegalArgumentException("Session/EntityManager is closed");
            };

            assertThatThrownBy(() -> processor.process(FlowConsumer.NAME, List.of(record), CallAnswered.class, failing))
                    .isInstanceOf(DeadLetterWrites.Stopping.class);
        } finally {
            instance.resume();
        }
        assertThat(TopicProbe.readAll(FlowTopic.DLQ, Duration.ofSeconds(1))).noneMatch(l -> "stopping-1".equals(l.key()));
    }

    @Test
    @Order(5)
    void anIdempotentEventThatCollidesOnAUniqueKeyIsHandedOverAgainAndDeadLetteredOnlyIfItGoesOnColliding() {
        FlowTopic.create(FlowTopic.DLQ);
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("create table if not exists kit_flow_recorded (id text primary key)").executeUpdate();
            em.createNativeQuery("insert into kit_flow_recorded values ('taken') on conflict do nothing").executeUpdate();
        });
        Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();
        List<String> recorded = new CopyOnWriteArrayList<>();
        // As another replica that recorded the same command a moment earlier makes the insert fail: a real 23505 from
        // PostgreSQL, for "collides-twice" on its first two tries alone (after the batch's), for "collides-always" on each.
        java.util.function.Consumer<List<CallAnswered>> handler = events -> {
            for (CallAnswered e : events) {
                int attempt = tries.computeIfAbsent(e.callSid(), c -> new AtomicInteger()).incrementAndGet();
                if (e.callSid().equals("collides-always") || attempt <= 3) {
                    em.createNativeQuery("insert into kit_flow_recorded values ('taken')").executeUpdate();
                }
                recorded.add(e.callSid());
            }
        };

        processor.processIdempotent(FlowConsumer.NAME, List.of(record("collides-twice", 1_000_001)), CallAnswered.class,
                handler);
        processor.processIdempotent(FlowConsumer.NAME, List.of(record("collides-always", 1_000_002)),
                CallAnswered.class, handler);

        // The batch's try, then alone: two collisions and a third try that goes through.
        assertThat(tries.get("collides-twice").get()).isEqualTo(1 + RecordBatchProcessor.ALONE_ATTEMPTS);
        assertThat(recorded).containsExactly("collides-twice");
        assertThat(tries.get("collides-always").get()).isEqualTo(1 + RecordBatchProcessor.ALONE_ATTEMPTS);
        List<ConsumerRecord<String, String>> letters = TopicProbe.readUntil(FlowTopic.DLQ,
                r -> r.stream().anyMatch(l -> "collides-always".equals(l.key())), Duration.ofSeconds(30),
                Duration.ofMillis(200));
        assertThat(letters).noneMatch(l -> "collides-twice".equals(l.key()));
        assertThat(header(letters.stream().filter(l -> "collides-always".equals(l.key())).findFirst().orElseThrow(),
                DeadLetters.ERROR_HEADER)).contains("kit_flow_recorded_pkey");
    }

    private static ConsumerRecord<String, String> record(String callSid, long offset) {
        return new ConsumerRecord<>(FlowTopic.TOPIC, 0, offset, Instant.now().toEpochMilli(), TimestampType.CREATE_TIME,
                0, 0, callSid, EventJson.encode(answered(callSid)), new RecordHeaders(), java.util.Optional.empty());
    }

    private static void send(String callSid) {
        CallAnswered event = answered(callSid);
        TopicProbe.send(FlowTopic.TOPIC, callSid, EventJson.encode(event));
    }

    private static CallAnswered answered(String callSid) {
        return new CallAnswered(callSid, "glow", "+15551230001", "+14155550123", Instant.now());
    }

    private static String readiness(String check) {
        JsonPath health = given().get("/q/health/ready").then().extract().jsonPath();
        return health.getString("checks.find { it.name == '" + check + "' }.status");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unused")
    private static final Map<String, String> NONE = Map.of();
}

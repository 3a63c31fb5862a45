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
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
            ConsumerRecord<String, String> record = new ConsumerRecord<>(FlowTopic.TOPIC, 0, 999_999,
                    Instant.now().toEpochMilli(), TimestampType.CREATE_TIME, 0, 0, "stopping-1",
                    EventJson.encode(answered("stopping-1")), new RecordHeaders(), java.util.Optional.empty());
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

package com.mctb.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import com.mctb.contracts.json.EventSchemaException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    @Test
    void everyIncomingChannelsDeadLetterCounterIsExportedAtZeroFromTheStart() {
        DeadLetters deadLetters = new DeadLetters();
        deadLetters.registry = new SimpleMeterRegistry();
        deadLetters.config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "quarkus.application.name", "workflow-service",
                "mp.messaging.incoming.calls-missed.topic", "calls.missed",
                "mp.messaging.incoming.sms-events.topic", "sms.events",
                "mp.messaging.incoming.sms-events.group.id", "workflow-service",
                "mp.messaging.outgoing.elsewhere.topic", "not.consumed"), "test", 100)).build();

        deadLetters.registerCounters(null);

        assertThat(deadLetters.registry.find("mctb.dead.letters").counters()).hasSize(2).allSatisfy(c ->
                assertThat(c.count()).isZero());
        // The very series send() increments: the consumer is named <application>.<channel>.
        Counter callsMissed = deadLetters.registry.find("mctb.dead.letters").tag("topic", "calls.missed")
                .tag("consumer", "workflow-service.calls-missed").counter();
        assertThat(callsMissed).isNotNull();
        assertThat(deadLetters.registry.find("mctb.dead.letters").tag("topic", "sms.events")
                .tag("consumer", "workflow-service.sms-events").counter()).isNotNull();
    }

    @Test
    void aDeadLetterIsTheRecordAsItCameWithItsOwnCloudEventsHeadersAndWhyInDlqHeaders() {
        MockProducer<String, String> kafka = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
        DeadLetters deadLetters = deadLetters(kafka);
        RecordHeaders headers = new RecordHeaders();
        CloudEvents.addTo(headers, "CallMissed/CA1", "CallMissed.v1", "call-gateway", Instant.parse("2026-11-28T14:05:09Z"));
        headers.add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<String, String> record = record("{\"type\":\"CallMissed.v1\"}", headers);

        deadLetters.send("workflow-service.calls-missed", record, new EventSchemaException("not a valid CallMissed: ...",
                List.of("$.callSid: is missing but it is required", "$.to: is missing but it is required")));

        ProducerRecord<String, String> letter = kafka.history().get(0);
        assertThat(letter.topic()).isEqualTo("calls.missed.dlq");
        assertThat(letter.key()).isEqualTo("glow/+15551230001");
        assertThat(letter.value()).isEqualTo(record.value());
        assertThat(CloudEvents.header(letter.headers(), CloudEvents.ID)).isEqualTo("CallMissed/CA1");
        assertThat(CloudEvents.header(letter.headers(), CloudEvents.SOURCE)).isEqualTo("call-gateway");
        assertThat(CloudEvents.header(letter.headers(), "traceparent")).startsWith("00-0af7");
        assertThat(CloudEvents.header(letter.headers(), DeadLetters.SCHEMA_ERROR_HEADER))
                .isEqualTo("$.callSid: is missing but it is required; $.to: is missing but it is required");
        assertThat(CloudEvents.header(letter.headers(), DeadLetters.ERROR_HEADER)).contains("not a valid CallMissed");
        assertThat(CloudEvents.header(letter.headers(), DeadLetters.CONSUMER_HEADER)).isEqualTo("workflow-service.calls-missed");
        assertThat(CloudEvents.header(letter.headers(), DeadLetters.SOURCE_HEADER)).isEqualTo("calls.missed/2@41");
    }

    @Test
    void aRecordThatCameWithoutCloudEventsHeadersIsGivenThemNamingWhereItWas() {
        MockProducer<String, String> kafka = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
        DeadLetters deadLetters = deadLetters(kafka);

        deadLetters.send("workflow-service.calls-missed", record("not json", new RecordHeaders()),
                new IllegalArgumentException("not JSON"));

        ProducerRecord<String, String> letter = kafka.history().get(0);
        assertThat(CloudEvents.header(letter.headers(), CloudEvents.TYPE)).isEqualTo("com.mctb.DeadLetter");
        assertThat(CloudEvents.header(letter.headers(), CloudEvents.ID)).isEqualTo("calls.missed/2@41");
        assertThat(CloudEvents.header(letter.headers(), CloudEvents.SOURCE)).isEqualTo("workflow-service");
        assertThat(CloudEvents.header(letter.headers(), CloudEvents.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(letter.headers().lastHeader(DeadLetters.SCHEMA_ERROR_HEADER)).isNull();
    }

    @Test
    void aTopicTheServiceReadsButTopicsDoesNotListItAsAConsumerOfIsNamed() {
        Map<String, List<String>> incoming = DeclaredTopics.incomingTopics(new SmallRyeConfigBuilder().withSources(
                new PropertiesConfigSource(Map.of(
                        "mp.messaging.incoming.calls-missed.topic", "calls.missed",
                        "mp.messaging.incoming.everything.topics", "calls.missed, sms.commands"), "test", 100)).build());

        assertThat(incoming).containsEntry("everything", List.of("calls.missed", "sms.commands"));
        assertThat(DeclaredTopics.undeclared("workflow-service", incoming)).containsExactly("sms.commands");
        assertThat(DeclaredTopics.undeclared("messaging-service", Map.of("c", List.of("sms.commands")))).isEmpty();
    }

    private static DeadLetters deadLetters(MockProducer<String, String> kafka) {
        DeadLetters deadLetters = new DeadLetters();
        deadLetters.registry = new SimpleMeterRegistry();
        deadLetters.kafka = new KafkaProducers(kafka, "workflow-service");
        return deadLetters;
    }

    private static ConsumerRecord<String, String> record(String value, RecordHeaders headers) {
        return new ConsumerRecord<>("calls.missed", 2, 41, 1_764_338_709_000L, TimestampType.CREATE_TIME, 0, 0,
                "glow/+15551230001", value, headers, java.util.Optional.empty());
    }
}

package com.mctb.kit.kafka;

import com.mctb.contracts.Topics;
import com.mctb.contracts.event.EventTypes;
import com.mctb.contracts.json.EventSchemaException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Sends a record a consumer can never handle to {@code <topic>.dlq}, unchanged, with the error and where it came
 * from in headers, so the consumer can move on and nothing is lost.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String ERROR_HEADER = "dlq-error";
    public static final String CONSUMER_HEADER = "dlq-consumer";
    public static final String SOURCE_HEADER = "dlq-source";
    /** When the record did not fit its event's schema: each misfit by JSON path, separated by "; ". */
    public static final String SCHEMA_ERROR_HEADER = "dlq-schema-error";
    /** The CloudEvents type of a dead letter that names none of our events (not JSON, no type, ...). */
    public static final String UNREADABLE_TYPE = "DeadLetter";

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final String COUNTER = "mctb.dead.letters";

    @Inject
    KafkaProducers kafka;

    @Inject
    MeterRegistry registry;

    @Inject
    Config config;

    /**
     * Each consumer's dead-letter counter exists from the start, at 0, so that a dashboard shows 0 rather than "no
     * data" and an alert on its increase sees 0 rather than nothing. Consumers are named
     * {@code <application>.<channel>} (as the thin {@code @Incoming} adapters name themselves), one per incoming
     * channel of the configuration.
     */
    void registerCounters(@Observes StartupEvent start) {
        String application = config.getOptionalValue("quarkus.application.name", String.class).orElse("application");
        DeclaredTopics.incomingTopics(config).forEach((channel, topics) -> topics.forEach(topic ->
                registry.counter(COUNTER, "topic", topic, "consumer", application + "." + channel)));
    }

    /**
     * Returns once the broker has the dead letter; throws if it could not be written (so the record is retried). The
     * letter is the record as it came (key, value, headers: its CloudEvents attributes and traceparent stay the
     * event's, so a replay puts back the same event) with why in {@code dlq-*} headers; a record that came without
     * CloudEvents headers is given them, naming where it was.
     */
    public void send(String consumer, ConsumerRecord<String, String> record, Throwable error) {
        String topic = Topics.deadLetter(record.topic());
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith("dlq-")) {
                headers.add(header);
            }
        }
        ProducerRecord<String, String> letter = new ProducerRecord<>(topic, null, record.key(), record.value(), headers);
        headers = (RecordHeaders) letter.headers();
        if (!CloudEvents.present(headers)) {
            String type = IncomingRecords.typeOf(record).map(EventTypes::name).orElse(UNREADABLE_TYPE);
            CloudEvents.addTo(headers, record.topic() + "/" + record.partition() + "@" + record.offset(), type,
                    kafka.source(), Instant.ofEpochMilli(Math.max(0, record.timestamp())));
        }
        if (error instanceof EventSchemaException misfit) {
            headers.add(SCHEMA_ERROR_HEADER, String.join("; ", misfit.problems()).getBytes(StandardCharsets.UTF_8));
        }
        letter.headers()
                .add(ERROR_HEADER, Failures.describe(error).getBytes(StandardCharsets.UTF_8))
                .add(CONSUMER_HEADER, consumer.getBytes(StandardCharsets.UTF_8))
                .add(SOURCE_HEADER, (record.topic() + "/" + record.partition() + "@" + record.offset())
                        .getBytes(StandardCharsets.UTF_8));
        try {
            kafka.producer().send(letter).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not write dead letter to " + topic, e);
        }
        registry.counter(COUNTER, "topic", record.topic(), "consumer", consumer).increment();
        LOG.warnf("dead-lettered %s/%d@%d for %s: %s", record.topic(), record.partition(), record.offset(),
                consumer, Failures.describe(error));
    }
}

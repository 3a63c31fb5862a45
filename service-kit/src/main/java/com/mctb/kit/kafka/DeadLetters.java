package com.mctb.kit.kafka;

import com.mctb.contracts.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
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

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final String COUNTER = "mctb.dead.letters";
    private static final Pattern INCOMING_TOPIC = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.topic");

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
        for (String property : config.getPropertyNames()) {
            Matcher channel = INCOMING_TOPIC.matcher(property);
            if (channel.matches()) {
                config.getOptionalValue(property, String.class).ifPresent(topic ->
                        registry.counter(COUNTER, "topic", topic, "consumer", application + "." + channel.group(1)));
            }
        }
    }

    /** Returns once the broker has the dead letter; throws if it could not be written (so the record is retried). */
    public void send(String consumer, ConsumerRecord<String, String> record, Throwable error) {
        String topic = Topics.deadLetter(record.topic());
        ProducerRecord<String, String> letter = new ProducerRecord<>(topic, record.key(), record.value());
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

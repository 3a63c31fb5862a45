package com.mctb.kit.kafka;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one Kafka producer a service writes with (outbox relay and dead letters). A plain client rather than a
 * SmallRye emitter because the relay must know, record by record, that the broker acknowledged before it deletes
 * the outbox row.
 */
@ApplicationScoped
public class KafkaProducers {

    private final Producer<String, String> producer;
    private final String source;

    @jakarta.inject.Inject
    public KafkaProducers(
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name", defaultValue = "mctb") String application) {
        this.source = application;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, application + "-producer",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1,
                // A broker that is down must not stall a webhook thread: fail fast, the outbox keeps the record.
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000),
                new StringSerializer(), new StringSerializer());
    }

    /** Around a given producer (e.g. Kafka's MockProducer in a test). */
    public KafkaProducers(Producer<String, String> producer) {
        this(producer, "mctb");
    }

    /** Around a given producer, writing as {@code source} (the CloudEvents {@code ce_source} of its records). */
    public KafkaProducers(Producer<String, String> producer, String source) {
        this.producer = producer;
        this.source = source;
    }

    /** The service this producer writes as: each record's CloudEvents {@code ce_source}. */
    public String source() {
        return source;
    }

    public Producer<String, String> producer() {
        return producer;
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

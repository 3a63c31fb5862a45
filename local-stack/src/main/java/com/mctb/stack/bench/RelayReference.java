package com.mctb.stack.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The machine's floor: a two-hop relay through the same broker at the same rate (produce → topic → relay →
 * topic → consume), with the same client settings the services use (acks=all, idempotent, linger 1 ms). The
 * product's speed-to-lead is reported as a ratio to this. Records are sent on a fixed-rate schedule that parks
 * between them ({@link Pacer}), so the reference does not hold a core of this machine busy while it measures.
 */
public final class RelayReference {

    private RelayReference() {
    }

    /**
     * @param window told when the first record is about to be sent and when the last one has arrived (or the wait
     *               for it gave up), to measure the relay's own CPU over that span
     */
    public static Percentiles run(String bootstrap, int perSecond, Duration duration, LoadRun.Window window)
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String hop1 = "bench.relay." + run + ".hop1";
        String hop2 = "bench.relay." + run + ".hop2";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(hop1, 6, (short) 1), new NewTopic(hop2, 6, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        long expected = (long) perSecond * duration.toSeconds();
        long[] latencies = new long[(int) expected];
        AtomicBoolean running = new AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
        try (KafkaProducer<String, String> producer = producer(bootstrap);
             KafkaProducer<String, String> relayProducer = producer(bootstrap);
             KafkaConsumer<String, String> relayConsumer = consumer(bootstrap, hop1);
             KafkaConsumer<String, String> sink = consumer(bootstrap, hop2)) {
            Thread relay = new Thread(() -> {
                while (running.get()) {
                    for (ConsumerRecord<String, String> r : relayConsumer.poll(Duration.ofMillis(50))) {
                        relayProducer.send(new ProducerRecord<>(hop2, r.key(), r.value()));
                    }
                }
            }, "relay");
            Thread receiver = new Thread(() -> {
                while (running.get() && received.get() < expected) {
                    for (ConsumerRecord<String, String> r : sink.poll(Duration.ofMillis(50))) {
                        if (received.get() < expected) {
                            latencies[received.getAndIncrement()] = System.nanoTime() - Long.parseLong(r.value());
                        }
                    }
                }
            }, "relay-sink");
            relay.start();
            receiver.start();
            // Let both consumers get their partitions before the clock starts.
            Thread.sleep(3_000);
            window.steadyStarted();
            Pacer pacer = new Pacer(perSecond);
            for (long i = 0; i < expected; i++) {
                pacer.awaitTick(i);
                producer.send(new ProducerRecord<>(hop1, "caller-" + (i % 10_000), Long.toString(System.nanoTime())));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            window.steadyEnded();
            running.set(false);
            relay.join();
            receiver.join();
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteTopics(List.of(hop1, hop2));
        }
        return new Percentiles(java.util.Arrays.copyOf(latencies, received.get()));
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1), new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap, String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}

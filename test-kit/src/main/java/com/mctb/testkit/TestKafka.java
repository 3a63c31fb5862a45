package com.mctb.testkit;

import com.mctb.contracts.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A real Apache Kafka broker for one test JVM: a single-node KRaft cluster from Kafka's own test kit, or the
 * apache/kafka image when Docker is there. Topics are not auto-created, as in the local stack: the services create
 * theirs with the right partitions and compaction.
 */
public final class TestKafka {

    private static final Map<String, String> BROKER_CONFIG = Map.of(
            "auto.create.topics.enable", "false",
            "offsets.topic.replication.factor", "1",
            "offsets.topic.num.partitions", "3",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "group.initial.rebalance.delay.ms", "0",
            "log.cleaner.backoff.ms", "1000");

    private static KafkaClusterTestKit cluster;
    private static KafkaContainer container;
    private static String bootstrapServers;

    private TestKafka() {
    }

    /** Starts the broker once per JVM; later calls return the same one. */
    public static synchronized String start() {
        if (bootstrapServers != null) {
            return bootstrapServers;
        }
        try {
            if (Docker.useContainers()) {
                container = new KafkaContainer("apache/kafka:4.1.2");
                BROKER_CONFIG.forEach((k, v) -> container.withEnv("KAFKA_" + k.toUpperCase().replace('.', '_'), v));
                container.start();
                bootstrapServers = container.getBootstrapServers();
            } else {
                // A broker thread that fails while the JVM exits must not halt the test JVM with a non-zero code.
                Exit.setExitProcedure((status, message) -> { });
                Exit.setHaltProcedure((status, message) -> { });
                Path base = Path.of("target", "kafka-test-kit").toAbsolutePath();
                Files.createDirectories(base);
                KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setBaseDirectory(Files.createTempDirectory(base, "broker"))
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build());
                BROKER_CONFIG.forEach(builder::setConfigProp);
                cluster = builder.build();
                cluster.format();
                cluster.startup();
                cluster.waitForReadyBrokers();
                bootstrapServers = cluster.bootstrapServers();
            }
            if (container != null) {
                Runtime.getRuntime().addShutdownHook(new Thread(TestKafka::stop));
            }
            // The in-JVM broker is not closed at exit: its threads end with the JVM and its data is under target/.
            createTopics();
            return bootstrapServers;
        } catch (Exception e) {
            throw new IllegalStateException("could not start a Kafka broker for the tests", e);
        }
    }

    /** The shared topics, as the services would create them, before any service subscribes. */
    private static void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(Topics.ALL.stream()
                    .map(spec -> new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.compacted()
                            ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                            : Map.of()))
                    .toList()).all().get(30, TimeUnit.SECONDS);
        }
    }

    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            throw new IllegalStateException("TestKafka is not started");
        }
        return bootstrapServers;
    }

    static synchronized void stop() {
        try {
            if (cluster != null) {
                cluster.close();
            }
            if (container != null) {
                container.stop();
            }
        } catch (Exception ignored) {
            // the JVM is ending
        } finally {
            cluster = null;
            container = null;
            bootstrapServers = null;
        }
    }
}

package com.mctb.kit.kafka;

import com.mctb.contracts.Topics;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.OptionalInt;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates the shared topics ({@link Topics#ALL}) that do not exist yet, with their partition counts, compaction,
 * retention, replication ({@code mctb.kafka.replication-factor}) and {@code min.insync.replicas}
 * ({@code mctb.kafka.min-insync-replicas}), so no service depends on another having started first. Runs in the
 * background: a service whose broker is away still starts (the gateway must answer calls) and creates the topics
 * when the broker comes. A topic that exists with fewer replicas or a lower min.insync.replicas than asked is logged
 * (WARN) and counted in the gauge {@code mctb.kafka.topics.below.durability}: Kafka does not raise them by itself.
 */
@ApplicationScoped
public class TopicsInitializer {

    private static final Logger LOG = Logger.getLogger(TopicsInitializer.class);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    /** Copies of each partition of a topic this service creates: 1 on a single broker, 3 on a cluster. */
    @ConfigProperty(name = "mctb.kafka.replication-factor", defaultValue = "1")
    short replicationFactor;

    /**
     * Copies a write must reach before the producers' {@code acks=all} acknowledges it: 1 on a single broker, 2 on a
     * cluster of three (one broker may be lost without losing an acknowledged record).
     */
    @ConfigProperty(name = "mctb.kafka.min-insync-replicas", defaultValue = "1")
    int minInsyncReplicas;

    @jakarta.inject.Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    /** The existing topics with less than asked, as last checked (empty before the first check). */
    private volatile List<String> belowDurability = List.of();

    /**
     * Runs before the messaging connectors start (lower priority number), so consumers subscribe to topics that
     * exist. If the broker does not answer within a few seconds, the service starts anyway and the topics are
     * created in the background.
     */
    void onStart(@Observes @Priority(100) StartupEvent startup) {
        io.micrometer.core.instrument.Gauge.builder("mctb.kafka.topics.below.durability", this,
                        t -> t.belowDurability.size())
                .description("Topics that exist with fewer replicas or a lower min.insync.replicas than asked")
                .register(registry);
        if (!createMissingTopics(1)) {
            Thread thread = new Thread(() -> createMissingTopics(Integer.MAX_VALUE), "topics-initializer");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Tries up to {@code attempts} times; true once every topic exists. */
    private boolean createMissingTopics(int attempts) {
        long backoff = 500;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try (Admin admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000))) {
                Set<String> existing = admin.listTopics().names().get(5, TimeUnit.SECONDS);
                List<NewTopic> missing = Topics.ALL.stream()
                        .filter(spec -> !existing.contains(spec.name()))
                        .map(this::newTopic)
                        .toList();
                if (!missing.isEmpty()) {
                    try {
                        admin.createTopics(missing).all().get(10, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.ExecutionException e) {
                        if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                            throw e;
                        }
                    }
                    LOG.infof("created topics %s (replication %d, min.insync.replicas %d)",
                            missing.stream().map(NewTopic::name).toList(), replicationFactor, minInsyncReplicas);
                }
                checkDurability(admin, existing);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                if (attempt == attempts) {
                    LOG.warnf("cannot create topics yet (%s); retrying in the background", Failures.describe(e));
                    return false;
                }
                LOG.warnf("cannot create topics yet (%s), retrying in %d ms", Failures.describe(e), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                backoff = Math.min(10_000, backoff * 2);
            }
        }
        return false;
    }

    /** The topics that existed before this start, against what is asked; a shortfall is logged and counted. */
    private void checkDurability(Admin admin, Set<String> existed) throws Exception {
        List<String> names = Topics.ALL.stream().map(Topics.TopicSpec::name).filter(existed::contains).toList();
        if (names.isEmpty()) {
            belowDurability = List.of();
            return;
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get(5, TimeUnit.SECONDS);
        List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(5, TimeUnit.SECONDS);
        Map<String, TopicDurability.Existing> found = new LinkedHashMap<>();
        for (String name : names) {
            int fewest = descriptions.get(name).partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
            ConfigEntry min = config == null ? null : config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
            found.put(name, new TopicDurability.Existing(fewest, min == null || min.value() == null ? OptionalInt.empty()
                    : OptionalInt.of(Integer.parseInt(min.value()))));
        }
        belowDurability = new TopicDurability(replicationFactor, minInsyncReplicas).shortfalls(found);
        belowDurability.forEach(s -> LOG.warnf("topic %s: less durable than asked; raise it with"
                + " kafka-reassign-partitions / kafka-configs (Kafka does not change an existing topic)", s));
    }

    /** The existing topics with fewer replicas or a lower min.insync.replicas than asked, as last checked. */
    public List<String> belowDurability() {
        return belowDurability;
    }

    private NewTopic newTopic(Topics.TopicSpec spec) {
        Map<String, String> config = new HashMap<>();
        config.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInsyncReplicas));
        if (spec.compacted()) {
            config.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        } else if (spec.retention() != null) {
            // As the AsyncAPI document states it (Topics): a topic that exists already keeps what it was created with.
            config.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(spec.retention().toMillis()));
        }
        return new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(config);
    }
}

package com.mctb.kit.kafka;

import com.mctb.contracts.Topics;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates the shared topics ({@link Topics#ALL}) that do not exist yet, with their partition counts, compaction and
 * retention,
 * so no service depends on another having started first. Runs in the background: a service whose broker is away
 * still starts (the gateway must answer calls) and creates the topics when the broker comes.
 */
@ApplicationScoped
public class TopicsInitializer {

    private static final Logger LOG = Logger.getLogger(TopicsInitializer.class);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "mctb.kafka.replication-factor", defaultValue = "1")
    short replicationFactor;

    /**
     * Runs before the messaging connectors start (lower priority number), so consumers subscribe to topics that
     * exist. If the broker does not answer within a few seconds, the service starts anyway and the topics are
     * created in the background.
     */
    void onStart(@Observes @Priority(100) StartupEvent startup) {
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
                    LOG.infof("created topics %s", missing.stream().map(NewTopic::name).toList());
                }
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

    private NewTopic newTopic(Topics.TopicSpec spec) {
        Map<String, String> config = new HashMap<>();
        if (spec.compacted()) {
            config.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        } else if (spec.retention() != null) {
            // As the AsyncAPI document states it (Topics): a topic that exists already keeps what it was created with.
            config.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(spec.retention().toMillis()));
        }
        return new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(config);
    }
}

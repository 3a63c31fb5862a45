package com.mctb.kit.kafka;

import com.mctb.testkit.TestKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** The flow test's own topic, kit.flow (one partition, so its records are handled in order), without its DLQ. */
public class FlowTopic implements QuarkusTestResourceLifecycleManager {

    static final String TOPIC = "kit.flow";
    static final String DLQ = "kit.flow.dlq";

    @Override
    public Map<String, String> start() {
        create(TOPIC);
        return Map.of();
    }

    /** Creates a topic of one partition on the test broker. */
    static void create(String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.start()))) {
            if (!admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + topic, e);
        }
    }

    @Override
    public void stop() {
    }
}

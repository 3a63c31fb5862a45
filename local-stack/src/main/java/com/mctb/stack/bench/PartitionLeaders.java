package com.mctb.stack.bench;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Which broker leads a topic's partitions, as Kafka's Admin {@code describeTopics} says: the fault run kills the
 * broker that leads most of a topic's partitions (the lowest id of those tied), so that a kill is sure to move
 * leadership of that topic.
 */
public final class PartitionLeaders {

    /**
     * The broker to kill and what it led.
     *
     * @param brokerId   its node id (1…n)
     * @param partitions the topic's partitions it led
     * @param leaders    every partition's leader when asked (partition → node id, -1 for none)
     */
    public record Leader(int brokerId, List<Integer> partitions, Map<Integer, Integer> leaders) {
    }

    private PartitionLeaders() {
    }

    /** From partition → leader id (-1: no leader): the broker leading the most, fewest id first on a tie. */
    public static Optional<Leader> busiest(Map<Integer, Integer> leaders) {
        Map<Integer, Integer> ordered = new TreeMap<>(leaders);
        Map<Integer, Long> led = new TreeMap<>();
        ordered.values().stream().filter(id -> id >= 0).forEach(id -> led.merge(id, 1L, Long::sum));
        return led.entrySet().stream()
                .max((a, b) -> a.getValue().equals(b.getValue()) ? Integer.compare(b.getKey(), a.getKey())
                        : Long.compare(a.getValue(), b.getValue()))
                .map(e -> new Leader(e.getKey(), ordered.entrySet().stream().filter(p -> p.getValue().equals(e.getKey()))
                        .map(Map.Entry::getKey).toList(), Map.copyOf(ordered)));
    }

    /** Asks the cluster who leads each partition of {@code topic}. */
    public static Map<Integer, Integer> of(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(topic);
            Map<Integer, Integer> leaders = new TreeMap<>();
            for (TopicPartitionInfo p : description.partitions()) {
                Node leader = p.leader();
                leaders.put(p.partition(), leader == null || leader.isEmpty() ? -1 : leader.id());
            }
            return leaders;
        }
    }

    /** Each partition's in-sync replica count (partition → ISR size), to wait until a returned broker caught up. */
    public static Map<Integer, Integer> inSyncReplicas(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            Map<Integer, Integer> isr = new TreeMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
                    .forEach(p -> isr.put(p.partition(), p.isr().size()));
            return isr;
        }
    }
}

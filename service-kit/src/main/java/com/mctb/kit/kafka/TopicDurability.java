package com.mctb.kit.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Whether existing topics are as durable as asked: each partition on at least {@code replicationFactor} brokers and
 * {@code min.insync.replicas} at least as asked. A topic created earlier with less (on a single broker, or by hand)
 * keeps what it has — Kafka does not raise it by itself — so a service says so at start rather than trusting it.
 *
 * @param replicationFactor copies of each partition asked for
 * @param minInsyncReplicas copies a write must reach before {@code acks=all} acknowledges it
 */
public record TopicDurability(int replicationFactor, int minInsyncReplicas) {

    /**
     * What Kafka says of one topic.
     *
     * @param fewestReplicas    the smallest replica count over its partitions
     * @param minInsyncReplicas its {@code min.insync.replicas}, if it could be read
     */
    public record Existing(int fewestReplicas, OptionalInt minInsyncReplicas) {
    }

    /** One line per topic with less than asked, e.g. {@code calls.missed: 1 replica (asked 3)}; empty if none. */
    public List<String> shortfalls(Map<String, Existing> topics) {
        List<String> shortfalls = new ArrayList<>();
        topics.forEach((topic, existing) -> {
            List<String> what = new ArrayList<>();
            if (existing.fewestReplicas() < replicationFactor) {
                what.add(existing.fewestReplicas() + (existing.fewestReplicas() == 1 ? " replica" : " replicas")
                        + " (asked " + replicationFactor + ")");
            }
            existing.minInsyncReplicas().ifPresent(min -> {
                if (min < minInsyncReplicas) {
                    what.add("min.insync.replicas " + min + " (asked " + minInsyncReplicas + ")");
                }
            });
            if (!what.isEmpty()) {
                shortfalls.add(topic + ": " + String.join(", ", what));
            }
        });
        return List.copyOf(shortfalls);
    }
}

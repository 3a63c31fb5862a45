package com.mctb.kit.kafka;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Which of the service's Kafka consumers have joined their group and received their partitions (possibly none, when
 * a group has more members than partitions). Every incoming channel uses it as its rebalance listener (service-kit's
 * {@code mp.messaging.connector.smallrye-kafka.consumer-rebalance-listener.name}), and the readiness check asks it:
 * a service is ready only once a call (or a command) sent to it is handled at once.
 */
@ApplicationScoped
@Identifier(ConsumerAssignments.NAME)
@jakarta.enterprise.inject.Default
public class ConsumerAssignments implements KafkaConsumerRebalanceListener {

    public static final String NAME = "mctb.consumer-assignments";

    private static final Logger LOG = Logger.getLogger(ConsumerAssignments.class);

    private final Set<Consumer<?, ?>> assigned = ConcurrentHashMap.newKeySet();

    @Inject
    KafkaClientService clients;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (assigned.add(consumer)) {
            LOG.infof("consumer of %s joined its group with %d partition(s) %s", consumer.groupMetadata().groupId(),
                    partitions.size(), partitions);
        }
    }

    /** The incoming channels (with their consumer's index) whose consumer has no assignment yet. */
    public List<String> waiting() {
        List<String> waiting = new ArrayList<>();
        for (String channel : clients.getConsumerChannels()) {
            List<io.smallrye.reactive.messaging.kafka.KafkaConsumer<Object, Object>> consumers = clients.getConsumers(channel);
            for (int i = 0; i < consumers.size(); i++) {
                if (!assigned.contains(consumers.get(i).unwrap())) {
                    waiting.add(consumers.size() == 1 ? channel : channel + "#" + (i + 1));
                }
            }
        }
        return waiting;
    }
}

package com.mctb.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local Kafka's layout: one node as before, or three nodes with their own ports and log dirs, one quorum. */
class KafkaClusterTest {

    @TempDir
    Path run;

    @Test
    void oneNodeIsTheBrokerItAlwaysWas() {
        KafkaCluster single = new KafkaCluster(1, 9092, 9093, run);
        KafkaCluster.Node node = single.node(1);

        assertThat(single.isCluster()).isFalse();
        assertThat(node.process()).isEqualTo("kafka");
        assertThat(node.dir()).isEqualTo(run.resolve("kafka"));
        assertThat(single.bootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(single.defaultReplicationFactor()).isEqualTo(1);
        assertThat(single.defaultMinInsyncReplicas()).isEqualTo(1);
        String properties = single.serverProperties(node, 1, 1);
        assertThat(properties).contains("node.id=1\n", "controller.quorum.bootstrap.servers=127.0.0.1:9093\n",
                "listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093\n", "offsets.topic.replication.factor=1\n",
                "transaction.state.log.min.isr=1\n", "min.insync.replicas=1\n").doesNotContain("controller.quorum.voters");
        assertThat(single.formatArguments(node, "id")).containsExactly("format", "--standalone", "-t", "id", "-c",
                node.properties().toAbsolutePath().toString());
    }

    @Test
    void threeNodesHaveTheirOwnPortsAndLogDirsAndOneQuorum() {
        KafkaCluster cluster = new KafkaCluster(3, 9092, 9093, run);

        assertThat(cluster.nodeList()).extracting(KafkaCluster.Node::process).containsExactly("kafka-1", "kafka-2", "kafka-3");
        assertThat(cluster.nodeList()).extracting(KafkaCluster.Node::brokerPort).containsExactly(9092, 9094, 9096);
        assertThat(cluster.nodeList()).extracting(KafkaCluster.Node::controllerPort).containsExactly(9093, 9095, 9097);
        assertThat(cluster.nodeList()).extracting(KafkaCluster.Node::data).doesNotHaveDuplicates();
        assertThat(cluster.bootstrap()).isEqualTo("127.0.0.1:9092,127.0.0.1:9094,127.0.0.1:9096");
        assertThat(cluster.quorumVoters()).isEqualTo("1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097");
        assertThat(cluster.defaultReplicationFactor()).isEqualTo(3);
        assertThat(cluster.defaultMinInsyncReplicas()).isEqualTo(2);

        KafkaCluster.Node second = cluster.node(2);
        String properties = cluster.serverProperties(second, 3, 2);
        assertThat(properties).contains("node.id=2\n",
                "controller.quorum.voters=1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097\n",
                "listeners=PLAINTEXT://127.0.0.1:9094,CONTROLLER://127.0.0.1:9095\n",
                "advertised.listeners=PLAINTEXT://127.0.0.1:9094\n",
                "log.dirs=" + run.resolve("kafka-2/data").toAbsolutePath() + "\n",
                "default.replication.factor=3\n", "min.insync.replicas=2\n", "offsets.topic.replication.factor=3\n",
                "transaction.state.log.replication.factor=3\n", "transaction.state.log.min.isr=2\n",
                "unclean.leader.election.enable=false\n")
                .doesNotContain("controller.quorum.bootstrap.servers");
        assertThat(cluster.formatArguments(second, "shared-id")).containsExactly("format", "-t", "shared-id", "-c",
                second.properties().toAbsolutePath().toString());
        assertThat(cluster.nodeOnPort(9096)).map(KafkaCluster.Node::id).contains(3);
    }

    @Test
    void theBrokerCountIsRecordedForTheLaterCommandsOnTheRunDirectory() throws Exception {
        assertThat(KafkaCluster.brokersOf(run, Map.of())).isEqualTo(1);
        assertThat(KafkaCluster.brokersOf(run, Map.of("MCTB_KAFKA_BROKERS", "3"))).isEqualTo(3);

        new KafkaCluster(3, 9092, 9093, run).record();
        assertThat(KafkaCluster.brokersOf(run, Map.of())).isEqualTo(3);
        assertThat(Files.readString(run.resolve("kafka-brokers"))).isEqualTo("3");

        StackConfig config = StackConfig.fromEnvironment(Path.of("."), run, "mctb");
        assertThat(config.kafkaBrokers()).isEqualTo(3);
        assertThat(config.kafkaBootstrap()).contains(",");
        assertThat(config.withKafkaBrokers(1).kafkaBootstrap()).doesNotContain(",");
    }

    @Test
    void aClusterHasOneToFiveNodes() {
        assertThatThrownBy(() -> new KafkaCluster(0, 9092, 9093, run)).hasMessageContaining("1 to 5");
        assertThatThrownBy(() -> new KafkaCluster(6, 9092, 9093, run)).hasMessageContaining("not 6");
    }
}

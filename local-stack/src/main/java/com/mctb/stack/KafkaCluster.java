package com.mctb.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The local Kafka: one KRaft node (process {@code kafka}, as it always was), or a cluster of {@code n} combined
 * broker+controller nodes on loopback (processes {@code kafka-1} … {@code kafka-n}), each with its own ports (node
 * {@code i} listens on {@code kafkaPort + 2(i-1)} and its controller on {@code kafkaControllerPort + 2(i-1)}) and its
 * own log directory, sharing one cluster id and a static controller quorum of all of them. This class only says
 * what each node is and how it is configured; {@link Stack} formats and runs them.
 *
 * <p>On the cluster every topic is replicated to three nodes and a write is acknowledged ({@code acks=all}) once two
 * of them have it ({@code min.insync.replicas=2}): one node may die, even with its disk, and nothing acknowledged is
 * lost; with two down, producers are refused rather than writing to a single copy. Kafka's own topics (consumer
 * offsets, transaction state) are replicated the same way.
 */
public record KafkaCluster(int nodes, int firstBrokerPort, int firstControllerPort, Path runDir) {

    /** The most nodes the local cluster runs (each is a JVM of a few hundred MB on a shared machine). */
    public static final int MAX_NODES = 5;

    public KafkaCluster {
        if (nodes < 1 || nodes > MAX_NODES) {
            throw new IllegalArgumentException("a local Kafka has 1 to " + MAX_NODES + " brokers, not " + nodes);
        }
    }

    /**
     * How many brokers the stack in {@code runDir} runs: what its last {@code up} recorded there (so {@code down},
     * {@code status} and {@code load} find a cluster that {@code up --brokers 3} started), else
     * {@code MCTB_KAFKA_BROKERS}, else 1.
     */
    public static int brokersOf(Path runDir, java.util.Map<String, String> env) {
        Path recorded = runDir.resolve(RECORD);
        try {
            if (java.nio.file.Files.isRegularFile(recorded)) {
                return Integer.parseInt(java.nio.file.Files.readString(recorded).trim());
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // an unreadable record: fall back to the environment
        }
        String value = env.get("MCTB_KAFKA_BROKERS");
        return value == null || value.isBlank() ? 1 : Integer.parseInt(value.trim());
    }

    /** Records the number of brokers for the later commands on this run directory ({@link #brokersOf}). */
    public void record() {
        try {
            java.nio.file.Files.createDirectories(runDir);
            java.nio.file.Files.writeString(runDir.resolve(RECORD), Integer.toString(nodes));
        } catch (java.io.IOException e) {
            throw new StackException("cannot write " + runDir.resolve(RECORD) + ": " + e.getMessage(), e);
        }
    }

    /** Where the cluster id of a cluster's nodes is kept (formatted once, with one id for all). */
    public Path clusterIdFile() {
        return runDir.resolve("kafka-cluster-id");
    }

    private static final String RECORD = "kafka-brokers";

    /** One node: its id (1…n), process name, ports and directories. */
    public record Node(int id, String process, int brokerPort, int controllerPort, Path dir) {

        public Path data() {
            return dir.resolve("data");
        }

        public Path properties() {
            return dir.resolve("server.properties");
        }

        public String bootstrap() {
            return "127.0.0.1:" + brokerPort;
        }
    }

    public boolean isCluster() {
        return nodes > 1;
    }

    public List<Node> nodeList() {
        List<Node> list = new ArrayList<>();
        if (!isCluster()) {
            list.add(new Node(1, "kafka", firstBrokerPort, firstControllerPort, runDir.resolve("kafka")));
            return list;
        }
        for (int i = 1; i <= nodes; i++) {
            list.add(new Node(i, "kafka-" + i, firstBrokerPort + 2 * (i - 1), firstControllerPort + 2 * (i - 1),
                    runDir.resolve("kafka-" + i)));
        }
        return list;
    }

    public Node node(int id) {
        return nodeList().get(id - 1);
    }

    /** The node whose broker listens on {@code port}, if one does. */
    public java.util.Optional<Node> nodeOnPort(int port) {
        return nodeList().stream().filter(n -> n.brokerPort() == port).findFirst();
    }

    /** What clients are given: every broker, so that a client still finds the cluster with one of them down. */
    public String bootstrap() {
        return nodeList().stream().map(Node::bootstrap).collect(Collectors.joining(","));
    }

    /** {@code controller.quorum.voters}: {@code 1@127.0.0.1:9093,2@127.0.0.1:9095,…}. */
    public String quorumVoters() {
        return nodeList().stream().map(n -> n.id() + "@127.0.0.1:" + n.controllerPort()).collect(Collectors.joining(","));
    }

    /** Copies of each partition a topic is created with: three on a cluster of three or more, else every node. */
    public int defaultReplicationFactor() {
        return Math.min(3, nodes);
    }

    /** Copies that must have a write before it is acknowledged: 2 of 3 on the cluster, 1 on a single broker. */
    public int defaultMinInsyncReplicas() {
        return Math.max(1, defaultReplicationFactor() - 1);
    }

    /** The node's server.properties, with the topics' replication and min.insync.replicas asked for. */
    public String serverProperties(Node node, int replicationFactor, int minInsyncReplicas) {
        List<String> lines = new ArrayList<>();
        lines.add("process.roles=broker,controller");
        lines.add("node.id=" + node.id());
        if (isCluster()) {
            lines.add("controller.quorum.voters=" + quorumVoters());
        } else {
            lines.add("controller.quorum.bootstrap.servers=127.0.0.1:" + node.controllerPort());
        }
        lines.add("listeners=PLAINTEXT://127.0.0.1:" + node.brokerPort() + ",CONTROLLER://127.0.0.1:" + node.controllerPort());
        lines.add("advertised.listeners=PLAINTEXT://127.0.0.1:" + node.brokerPort());
        lines.add("controller.listener.names=CONTROLLER");
        lines.add("listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        lines.add("inter.broker.listener.name=PLAINTEXT");
        lines.add("log.dirs=" + node.data().toAbsolutePath());
        lines.add("auto.create.topics.enable=false");
        lines.add("num.partitions=1");
        lines.add("default.replication.factor=" + replicationFactor);
        lines.add("min.insync.replicas=" + minInsyncReplicas);
        lines.add("unclean.leader.election.enable=false");
        lines.add("offsets.topic.replication.factor=" + replicationFactor);
        lines.add("offsets.topic.num.partitions=3");
        lines.add("transaction.state.log.replication.factor=" + replicationFactor);
        lines.add("transaction.state.log.min.isr=" + minInsyncReplicas);
        lines.add("group.initial.rebalance.delay.ms=0");
        lines.add("log.cleaner.backoff.ms=1000");
        lines.add("");
        return String.join("\n", lines);
    }

    /**
     * The storage format command's arguments after the class name: a single node formats itself as a standalone
     * controller; a cluster's nodes are formatted with the one cluster id and find each other by the static voters.
     */
    public List<String> formatArguments(Node node, String clusterId) {
        List<String> args = new ArrayList<>(List.of("format"));
        if (!isCluster()) {
            args.add("--standalone");
        }
        args.addAll(List.of("-t", clusterId, "-c", node.properties().toAbsolutePath().toString()));
        return args;
    }

    /**
     * Each node's JVM: less heap per node on the cluster, where three share the machine with seven other JVMs; and
     * the serial collector and the C1 compiler only (as the stand-in; the services keep C2). Measured in
     * {@code ./mctb bench} on this 2-core machine (README, "Performance and guarantees"): with C2 the broker's
     * compiler threads took 11-14 % of a core through a run, a third of the broker's CPU, and its RSS was 450 MB;
     * with C1 its JIT share is 0 %, its CPU per missed call at 50 calls/s 4.2 ms instead of 5.5-6.2, its RSS 330 MB.
     * {@code MCTB_KAFKA_JAVA_OPTS} is added after these ({@code -XX:TieredStopAtLevel=4} for C2 again).
     */
    public List<String> jvmOptions() {
        return isCluster() ? Stack.withLeanJit("-Xms64m", "-Xmx320m") : Stack.withLeanJit("-Xms128m", "-Xmx512m");
    }
}

package com.mctb.stack;

import com.mctb.contracts.Topics;
import com.mctb.contracts.auth.AccessTokens;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The whole product on this machine, without Docker: a real KRaft Kafka (from Maven Central's Kafka jars; one node,
 * or a cluster of three with {@link StackConfig#withKafkaBrokers}: {@link KafkaCluster}), the local PostgreSQL, the Twilio API stand-in and the four services' packaged jars, each its own
 * process. Readiness is waited for, never slept on; a part that fails is named with its log.
 */
public final class Stack {

    /**
     * How each service's JVM runs here: a small serial-collected heap, and the JVM's own tiered compilers (C1, then
     * C2). Until 2026-12-08 the services ran C1 only, because in a benchmark of 15 s of warm-up C2's compiler threads
     * were the largest single use of the services' CPU. Once it has compiled the path (the bench warms up 90 s at 100
     * calls/s for it) C2's code costs less per call than C1's, and at 200 calls/s that is the
     * difference between a queue and none (README, "Performance and guarantees"); a service runs for days, the compile
     * is paid once. The price is memory: C2's profiles and code add 50-95 MB resident per service.
     * {@code MCTB_SERVICE_JAVA_OPTS} is added after these (e.g. {@code -XX:TieredStopAtLevel=1} for C1 only again).
     */
    static final List<String> SERVICE_JVM_OPTIONS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC");

    /**
     * The Twilio stand-in's JVM: not the product, but on the same two cores. With the JVM's default C2 its compiler
     * threads took 14 % of a core through a benchmark run (its CPU per missed call at 50 calls/s 4.2 ms; with C1
     * only 1.8 ms), CPU the product's processes then lacked. Its heap holds every message and request of a run: at
     * 128 MB the fault run at 100 calls/s (some 33,000 calls) ran it out of memory listing its messages.
     * {@code MCTB_STANDIN_JAVA_OPTS} is added after these.
     */
    static final List<String> STAND_IN_JVM_OPTIONS = withLeanJit("-Xms32m", "-Xmx384m");

    /** The services in start order, with their module directory. */
    static final List<String> SERVICES = List.of("settings-service", "call-gateway", "workflow-service", "messaging-service");

    /** The product's pages (its module directory), started after the services when the stack has it. */
    static final String CONSOLE = "web-console";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    // HTTP/1.1, as the services speak it: the JDK's h2c upgrade gains nothing and broke on a large /q/metrics.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final StackConfig config;
    private final PrintStream out;
    private final Map<String, String> serviceEnvironment = new LinkedHashMap<>();
    /** Second (third, …) instances of a service: instance name → module and port. */
    private final Map<String, Replica> replicas = new LinkedHashMap<>();

    private record Replica(String module, int port) {
    }

    public Stack(StackConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    public StackConfig config() {
        return config;
    }

    /** Extra environment for every service (e.g. the benchmark's higher send rates); call before {@link #up}. */
    public Stack withServiceEnvironment(Map<String, String> environment) {
        serviceEnvironment.putAll(environment);
        return this;
    }

    /**
     * Runs another instance of {@code service} on {@code port} (named {@code service-2}, …), e.g. to prove two
     * replicas never send one text twice; call before {@link #up}.
     */
    public Stack withReplica(String service, int port) {
        long existing = replicas.values().stream().filter(r -> r.module().equals(service)).count();
        replicas.put(service + "-" + (existing + 2), new Replica(service, port));
        return this;
    }

    /** Every service instance this stack runs: the four services, then any replicas, then the console. */
    public List<String> instances() {
        List<String> all = new ArrayList<>(SERVICES);
        all.addAll(replicas.keySet());
        if (config.hasConsole()) {
            all.add(CONSOLE);
        }
        return all;
    }

    /** kill -9: the instance dies without any shutdown. */
    public void kill(String instance) {
        new ManagedProcess(instance, config).handle().ifPresent(h -> {
            h.destroyForcibly();
            h.onExit().join();
        });
    }

    /** Starts an instance again (after {@link #kill}) and waits until it is ready. */
    public void restart(String instance) {
        long t0 = System.nanoTime();
        startService(instance);
        awaitReady(instance, port(instance), t0);
    }

    /** Restarts the local PostgreSQL server (all services lose their connections). */
    public void restartPostgres() {
        try {
            String cluster;
            try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
                cluster = versions.map(p -> p.getFileName().toString()).sorted().findFirst().orElseThrow();
            }
            Process p = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "restart")
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new StackException("postgres: restart failed: " + output);
            }
        } catch (IOException e) {
            throw new StackException("postgres: cannot restart: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }

    /** The running parts' process ids, by name. */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String part : status().keySet()) {
            new ManagedProcess(part, config).handle().ifPresent(h -> pids.put(part, h.pid()));
        }
        return pids;
    }

    /** Starts everything and returns once every part is ready; on failure stops what it started and throws. */
    public void up() {
        out.printf("mctb: starting the stack (logs in %s)%n", config.logs());
        checkBuilt();
        checkPortsFree();
        try {
            ensureIssuerKeys();
            ensureDatabase();
            startKafka();
            startTwilioStandIn();
            long t0 = System.nanoTime();
            List<String> services = new ArrayList<>(servicesToStart());
            services.addAll(replicas.keySet());
            if (config.hasConsole() && !skipped().contains(CONSOLE)) {
                services.add(CONSOLE);
            }
            for (String service : services) {
                startService(service);
            }
            for (String service : services) {
                awaitReady(service, port(service), t0);
            }
            out.printf("mctb: ready. gateway %s, settings %s, workflow %s, messaging %s%s%n",
                    config.url(config.gatewayPort()), config.url(config.settingsPort()),
                    config.url(config.workflowPort()), config.url(config.messagingPort()),
                    config.hasConsole() ? ", console " + config.url(config.consolePort()) : "");
        } catch (RuntimeException e) {
            out.println("mctb: stopping what was started");
            down();
            throw e;
        }
    }

    /** Stops every part this run directory knows of, services first. */
    public void down() {
        List<String> parts = new ArrayList<>(instances());
        java.util.Collections.reverse(parts);
        parts.add("twilio-standin");
        // Every Kafka process this run directory may have: the single broker and any cluster node.
        parts.add("kafka");
        for (int i = 1; i <= KafkaCluster.MAX_NODES; i++) {
            parts.add("kafka-" + i);
        }
        for (String part : parts) {
            ManagedProcess process = new ManagedProcess(part, config);
            if (process.stop(Duration.ofSeconds(15))) {
                out.printf("  %-18s stopped%n", part);
            }
        }
    }

    /** Which parts are running. */
    public Map<String, Boolean> status() {
        Map<String, Boolean> status = new LinkedHashMap<>();
        config.kafka().nodeList().forEach(n -> status.put(n.process(), new ManagedProcess(n.process(), config).isAlive()));
        status.put("twilio-standin", new ManagedProcess("twilio-standin", config).isAlive());
        instances().forEach(s -> status.put(s, new ManagedProcess(s, config).isAlive()));
        return status;
    }

    /**
     * The services to start: all of them, except those named in {@code MCTB_SKIP} (comma-separated), e.g. to run one
     * of them from an IDE against the rest of the stack.
     */
    private List<String> servicesToStart() {
        List<String> skipped = skipped();
        skipped.forEach(s -> out.printf("  %-18s skipped (MCTB_SKIP)%n", s));
        return SERVICES.stream().filter(s -> !skipped.contains(s)).toList();
    }

    private static List<String> skipped() {
        String skip = System.getenv().getOrDefault("MCTB_SKIP", "");
        return java.util.Arrays.stream(skip.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    int port(String service) {
        if (replicas.containsKey(service)) {
            return replicas.get(service).port();
        }
        return switch (service) {
            case "call-gateway" -> config.gatewayPort();
            case "settings-service" -> config.settingsPort();
            case "workflow-service" -> config.workflowPort();
            case "messaging-service" -> config.messagingPort();
            case CONSOLE -> config.consolePort();
            default -> throw new IllegalArgumentException(service);
        };
    }

    private void checkBuilt() {
        List<String> modules = new ArrayList<>(SERVICES);
        if (config.hasConsole()) {
            modules.add(CONSOLE);
        }
        for (String service : modules) {
            if (!Files.exists(serviceJar(service))) {
                throw new StackException(service + " is not built (" + serviceJar(service) + " is missing); run ./mctb build");
            }
        }
        if (!Files.isDirectory(libDir())) {
            throw new StackException("local-stack is not built (" + libDir() + " is missing); run ./mctb build");
        }
    }

    private void checkPortsFree() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (KafkaCluster.Node node : config.kafka().nodeList()) {
            ports.put(node.process(), node.brokerPort());
            ports.put(node.process() + " controller", node.controllerPort());
        }
        ports.put("twilio stand-in", config.twilioPort());
        instances().forEach(s -> ports.put(s, port(s)));
        ports.forEach((part, port) -> {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress("127.0.0.1", port));
            } catch (IOException e) {
                throw new StackException("port " + port + " for " + part + " is in use (is a stack already up? "
                        + "./mctb down stops it)");
            }
        });
    }

    /** The token issuer's key pair for this run directory, made once: the services verify with its public half. */
    private void ensureIssuerKeys() {
        if (Files.exists(issuerPrivateKey())) {
            return;
        }
        try {
            Files.createDirectories(issuerPrivateKey().getParent());
            java.security.KeyPair keys = AccessTokens.newKeyPair();
            Files.writeString(issuerPrivateKey(), AccessTokens.privateKeyPem(keys.getPrivate()));
            Files.writeString(issuerPublicKey(), AccessTokens.publicKeyPem(keys.getPublic()));
        } catch (IOException e) {
            throw new StackException("cannot write the token issuer's keys to " + issuerPrivateKey().getParent(), e);
        }
    }

    /** A bearer token for one account (or, with null, an operator's), signed with this run's issuer key. */
    public String token(String accountId) {
        ensureIssuerKeys();
        try {
            java.security.PrivateKey key = AccessTokens.readPrivateKeyPem(Files.readString(issuerPrivateKey()));
            return accountId == null
                    ? AccessTokens.forAdmin(key, "operator", Duration.ofHours(12))
                    : AccessTokens.forAccount(key, accountId, Duration.ofHours(12));
        } catch (IOException e) {
            throw new StackException("cannot read " + issuerPrivateKey(), e);
        }
    }

    private Path issuerPrivateKey() {
        return config.runDir().resolve("jwt/private.pem");
    }

    private Path issuerPublicKey() {
        return config.runDir().resolve("jwt/public.pem");
    }

    private void ensureDatabase() {
        long t0 = System.nanoTime();
        String server = "jdbc:postgresql://" + config.pgHost() + ":" + config.pgPort() + "/";
        try (Connection admin = DriverManager.getConnection(server + "postgres", config.pgUser(), config.pgPassword());
             Statement sql = admin.createStatement()) {
            try (ResultSet rs = sql.executeQuery("select 1 from pg_database where datname = '" + config.database() + "'")) {
                if (!rs.next()) {
                    sql.execute("create database " + config.database());
                }
            }
        } catch (SQLException e) {
            throw new StackException("postgres: no PostgreSQL at " + config.pgHost() + ":" + config.pgPort()
                    + " (" + e.getMessage() + "); start it with "
                    + "'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start'", e);
        }
        line("postgres", "ok", "database " + config.database() + " on " + config.pgHost() + ":" + config.pgPort(), t0);
    }

    /**
     * Drops the database (the next {@link #up} creates it), and with it the Twilio stand-in's subaccounts and numbers,
     * which only the database names: for runs that must start from nothing (the demo, the end-to-end test).
     */
    public void resetDatabase() {
        String server = "jdbc:postgresql://" + config.pgHost() + ":" + config.pgPort() + "/";
        try (Connection admin = DriverManager.getConnection(server + "postgres", config.pgUser(), config.pgPassword());
             Statement sql = admin.createStatement()) {
            sql.execute("drop database if exists " + config.database() + " with (force)");
        } catch (SQLException e) {
            throw new StackException("postgres: cannot reset database " + config.database() + ": " + e.getMessage(), e);
        }
        try {
            Files.deleteIfExists(config.twilioStandInState());
        } catch (IOException e) {
            throw new StackException("cannot delete " + config.twilioStandInState() + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the run directory (Kafka's data, logs): for runs that must start from nothing. */
    public void resetRunDirectory() {
        if (!Files.exists(config.runDir())) {
            return;
        }
        try (Stream<Path> paths = Files.walk(config.runDir())) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new StackException("cannot clear " + config.runDir() + ": " + e.getMessage(), e);
        }
    }

    /** Stops every broker (as in an outage); the services keep running. */
    public void stopKafka() {
        for (KafkaCluster.Node node : config.kafka().nodeList()) {
            new ManagedProcess(node.process(), config).stop(Duration.ofSeconds(20));
        }
    }

    /** kill -9 of one Kafka node (1…n): it dies without any shutdown, as with a power cut. */
    public void killKafkaNode(int id) {
        new ManagedProcess(config.kafka().node(id).process(), config).handle().ifPresent(h -> {
            h.destroyForcibly();
            h.onExit().join();
        });
    }

    /** Starts one Kafka node again on its data directory and waits until its port is open. */
    public void startKafkaNode(int id) {
        long t0 = System.nanoTime();
        KafkaCluster.Node node = config.kafka().node(id);
        ManagedProcess process = launchKafkaNode(node);
        // After a kill -9 the node recovers its logs first; on a loaded 2-core box that took over 60 s (fault run,
        // 2026-12-03), so it is given 3 minutes.
        awaitPort(process, node.brokerPort(), Duration.ofSeconds(180));
        line(node.process(), "ready", node.bootstrap(), t0);
    }

    /**
     * Starts the broker, or every node of the cluster, on its data directory (formatting it the first time) and
     * waits until each serves; then creates the topics.
     */
    public void startKafka() {
        long t0 = System.nanoTime();
        KafkaCluster cluster = config.kafka();
        cluster.record();
        List<ManagedProcess> started = new ArrayList<>();
        for (KafkaCluster.Node node : cluster.nodeList()) {
            started.add(launchKafkaNode(node));
        }
        for (int i = 0; i < started.size(); i++) {
            awaitPort(started.get(i), cluster.nodeList().get(i).brokerPort(), Duration.ofSeconds(60));
        }
        createTopics(started.get(0));
        line(cluster.isCluster() ? "kafka (" + cluster.nodes() + " nodes)" : "kafka", "ready", config.kafkaBootstrap()
                + (cluster.isCluster() ? ", topics replicated " + replicationFactor() + ", min.insync.replicas "
                + minInsyncReplicas() : ""), t0);
    }

    /** Copies of each partition the topics are created with: MCTB_KAFKA_REPLICATION_FACTOR, else the cluster's default. */
    public int replicationFactor() {
        return positiveEnv("MCTB_KAFKA_REPLICATION_FACTOR", config.kafka().defaultReplicationFactor());
    }

    /** The topics' min.insync.replicas: MCTB_KAFKA_MIN_INSYNC_REPLICAS, else the cluster's default. */
    public int minInsyncReplicas() {
        return positiveEnv("MCTB_KAFKA_MIN_INSYNC_REPLICAS", config.kafka().defaultMinInsyncReplicas());
    }

    private static int positiveEnv(String name, int fallback) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new StackException(name + " must be a positive number, not " + value);
    }

    /** Writes the node's configuration, formats its storage if it is new, and starts it (without waiting). */
    private ManagedProcess launchKafkaNode(KafkaCluster.Node node) {
        KafkaCluster cluster = config.kafka();
        ManagedProcess kafka = new ManagedProcess(node.process(), config);
        Path dir = node.dir();
        try {
            Files.createDirectories(node.data());
            Files.createDirectories(config.logs());
            Files.writeString(node.properties(), cluster.serverProperties(node, replicationFactor(), minInsyncReplicas()));
            Files.writeString(dir.resolve("log4j2.properties"), String.join("\n",
                    "status = warn",
                    "appender.out.type = Console",
                    "appender.out.name = OUT",
                    "appender.out.layout.type = PatternLayout",
                    "appender.out.layout.pattern = [%d] %p %m (%c)%n",
                    "rootLogger.level = warn",
                    "rootLogger.appenderRef.out.ref = OUT",
                    "logger.server.name = kafka.server.KafkaRaftServer",
                    "logger.server.level = info",
                    ""));
            List<String> java = new ArrayList<>(cluster.jvmOptions());
            java.addAll(extraOptions("MCTB_KAFKA_JAVA_OPTS"));
            java.add("-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties").toAbsolutePath());
            java = javaCommand(java, kafkaClasspath());
            if (!Files.exists(node.data().resolve("meta.properties"))) {
                List<String> format = new ArrayList<>(java);
                format.add("kafka.tools.StorageTool");
                format.addAll(cluster.formatArguments(node, clusterId(cluster)));
                Path formatLog = config.logs().resolve(node.process() + "-format.log");
                Process p = new ProcessBuilder(format).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(formatLog.toFile()))
                        .start();
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new StackException(node.process() + ": formatting its storage failed; see " + formatLog);
                }
            }
            List<String> run = new ArrayList<>(java);
            run.addAll(List.of("kafka.Kafka", node.properties().toAbsolutePath().toString()));
            kafka.start(run, Map.of(), config.home());
            return kafka;
        } catch (IOException e) {
            throw new StackException(node.process() + ": " + e.getMessage() + " (log: " + kafka.log() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while starting " + node.process(), e);
        }
    }

    /** The id every node of this run directory's Kafka is formatted with: made once, then kept. */
    private static String clusterId(KafkaCluster cluster) throws IOException {
        Path file = cluster.clusterIdFile();
        if (Files.isRegularFile(file)) {
            return Files.readString(file).trim();
        }
        String id = Uuid.randomUuid().toString();
        Files.createDirectories(file.getParent());
        Files.writeString(file, id);
        return id;
    }

    /**
     * The shared topics with their partitions, compaction, replication and min.insync.replicas, before any service
     * subscribes (the services' TopicsInitializer would create them the same way).
     */
    private void createTopics(ManagedProcess kafka) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        short replication = (short) replicationFactor();
        String minInsync = Integer.toString(minInsyncReplicas());
        while (true) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
                if (admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size() < replication) {
                    throw new IllegalStateException("fewer brokers registered than the replication factor " + replication);
                }
                var existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
                List<NewTopic> missing = Topics.ALL.stream().filter(t -> !existing.contains(t.name()))
                        .map(t -> {
                            Map<String, String> configs = new LinkedHashMap<>();
                            configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInsync);
                            if (t.compacted()) {
                                configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
                            }
                            return new NewTopic(t.name(), t.partitions(), replication).configs(configs);
                        })
                        .toList();
                if (!missing.isEmpty()) {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                }
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline || !kafka.isAlive()) {
                    throw new StackException("kafka: could not create the topics (" + e.getMessage() + "); see "
                            + kafka.log() + "\n" + kafka.tail(15), e);
                }
                sleep(500);
            }
        }
    }

    private void startTwilioStandIn() {
        long t0 = System.nanoTime();
        ManagedProcess standIn = new ManagedProcess("twilio-standin", config);
        List<String> options = new ArrayList<>(STAND_IN_JVM_OPTIONS);
        options.addAll(extraOptions("MCTB_STANDIN_JAVA_OPTS"));
        List<String> command = javaCommand(options, standInClasspath());
        command.addAll(List.of("com.mctb.twilio.standin.TwilioApiStandIn", Integer.toString(config.twilioPort())));
        // With the platform's SID and token it authenticates as Twilio: the platform's account and the subaccounts
        // settings-service makes there (each with its own token), and signs each webhook with the token of the
        // account holding the number. It posts signed status callbacks (sent, delivered) like Twilio.
        // A public callback host (as behind a proxy) is posted to messaging-service's local port.
        // Voicemail recording and transcription callbacks go to the gateway's public URL, posted to its local port;
        // so do the calls and texts placed through its control API (/stand-in/calls, /stand-in/texts).
        // Its subaccounts and numbers are kept in the run directory: the database names them after down and up.
        standIn.start(command, Map.of("TWILIO_AUTH_TOKEN", config.twilioAuthToken(),
                "STANDIN_STATE_FILE", config.twilioStandInState().toAbsolutePath().toString(),
                "TWILIO_ACCOUNT_SID", config.twilioAccountSid(),
                "STANDIN_CALLBACK_PUBLIC_PREFIX", config.messagingPublicBaseUrl(),
                "STANDIN_CALLBACK_REACHABLE_PREFIX", config.url(config.messagingPort()),
                "STANDIN_VOICE_PUBLIC_PREFIX", config.publicBaseUrl(),
                "STANDIN_VOICE_REACHABLE_PREFIX", config.url(config.gatewayPort()),
                // By path too: the gateway's and messaging-service's public base URLs may be one host.
                "STANDIN_WEBHOOK_PUBLIC_PREFIXES", config.publicBaseUrl() + "/twilio/voice/,"
                        + config.messagingPublicBaseUrl() + "/twilio/messaging/",
                "STANDIN_WEBHOOK_REACHABLE_PREFIXES", config.url(config.gatewayPort()) + "/twilio/voice/,"
                        + config.url(config.messagingPort()) + "/twilio/messaging/"), config.home());
        awaitHttp(standIn, config.twilioStandInUrl() + "/stand-in/messages", Duration.ofSeconds(30));
        line("twilio stand-in", "ready", config.twilioStandInUrl() + " (Twilio's Accounts, numbers, Messages and"
                + " Recordings API, recorded; accounts and numbers kept in " + shown(config.twilioStandInState()) + ")", t0);
    }

    private void startService(String service) {
        ManagedProcess process = new ManagedProcess(service, config);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", Integer.toString(port(service)));
        env.put("DB_URL", config.jdbcUrl());
        env.put("DB_USER", config.pgUser());
        env.put("DB_PASSWORD", config.pgPassword());
        env.put("KAFKA_BOOTSTRAP_SERVERS", config.kafkaBootstrap());
        // What the services' TopicsInitializer creates a missing topic with, and checks the existing ones against.
        env.put("MCTB_KAFKA_REPLICATION_FACTOR", Integer.toString(replicationFactor()));
        env.put("MCTB_KAFKA_MIN_INSYNC_REPLICAS", Integer.toString(minInsyncReplicas()));
        env.put("TWILIO_AUTH_TOKEN", config.twilioAuthToken());
        env.put("TWILIO_ACCOUNT_SID", config.twilioAccountSid());
        env.put("TWILIO_API_BASE_URL", config.twilioStandInUrl());
        env.put("PUBLIC_BASE_URL", config.publicBaseUrl());
        env.put("MESSAGING_PUBLIC_BASE_URL", config.messagingPublicBaseUrl());
        env.put("MCTB_JWT_PUBLIC_KEY", issuerPublicKey().toAbsolutePath().toString());
        env.put("GATEWAY_SPOOL_DIR", config.runDir().resolve("spool").toAbsolutePath().toString());
        env.put("SETTINGS_PUBLIC_BASE_URL", config.url(config.settingsPort()));
        env.put("WORKFLOW_SERVICE_URL", config.url(config.workflowPort()));
        // Where the web console passes its pages' /api calls on to (and where services ask each other).
        env.put("SETTINGS_SERVICE_URL", config.url(config.settingsPort()));
        env.put("MESSAGING_SERVICE_URL", config.url(config.messagingPort()));
        env.put("CALL_GATEWAY_URL", config.url(config.gatewayPort()));
        env.putAll(serviceEnvironment);
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(SERVICE_JVM_OPTIONS);
        command.addAll(extraOptions("MCTB_SERVICE_JAVA_OPTS"));
        command.addAll(List.of("-jar", serviceJar(module(service)).toAbsolutePath().toString()));
        process.start(command, env, config.home());
    }

    private void awaitReady(String service, int port, long t0) {
        ManagedProcess process = new ManagedProcess(service, config);
        awaitHttp(process, config.url(port) + "/q/health/ready", READY_TIMEOUT);
        line(service, "ready", config.url(port), t0);
    }

    private void awaitHttp(ManagedProcess process, String url, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StackException(process.name() + " exited while starting; see " + process.log() + "\n"
                        + process.tail(20));
            }
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted", e);
            }
            sleep(250);
        }
        throw new StackException(process.name() + " was not ready within " + timeout.toSeconds() + " s (" + url
                + ": " + last + "); see " + process.log() + "\n" + process.tail(20));
    }

    private void awaitPort(ManagedProcess process, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StackException(process.name() + " exited while starting; see " + process.log() + "\n"
                        + process.tail(20));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                sleep(200);
            }
        }
        throw new StackException(process.name() + " did not open port " + port + " within " + timeout.toSeconds()
                + " s; see " + process.log() + "\n" + process.tail(20));
    }

    /** A path under the repository as from its top ({@code .mctb/stack/…}), any other as it is. */
    private Path shown(Path path) {
        Path home = config.home().toAbsolutePath();
        Path absolute = path.toAbsolutePath();
        return absolute.startsWith(home) ? home.relativize(absolute) : absolute;
    }

    private void line(String part, String state, String detail, long t0) {
        out.printf("  %-18s %-6s %s (%.1f s)%n", part, state, detail, (System.nanoTime() - t0) / 1e9);
    }

    private String module(String instance) {
        return replicas.containsKey(instance) ? replicas.get(instance).module() : instance;
    }

    Path serviceJar(String service) {
        return config.home().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private Path libDir() {
        return config.home().resolve("local-stack/target/lib");
    }

    /** Kafka's jars: everything in the lib folder but the stand-in's shaded WireMock. */
    private String kafkaClasspath() {
        return classpath(name -> !name.startsWith("wiremock-standalone") && !name.startsWith("twilio-standin"));
    }

    private String standInClasspath() {
        return classpath(name -> name.startsWith("wiremock-standalone") || name.startsWith("twilio-standin")
                || name.startsWith("jackson-"));
    }

    private String classpath(java.util.function.Predicate<String> include) {
        try (Stream<Path> jars = Files.list(libDir())) {
            return jars.filter(p -> include.test(p.getFileName().toString()))
                    .map(p -> p.toAbsolutePath().toString()).sorted()
                    .reduce((a, b) -> a + java.io.File.pathSeparator + b).orElseThrow();
        } catch (IOException e) {
            throw new StackException("cannot read " + libDir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code heap} and then the serial collector and the C1 compiler only: how Kafka and the stand-in run on this
     * machine (the launcher's own flags are the same, in {@code ./mctb}); the services keep C2 ({@link
     * #SERVICE_JVM_OPTIONS}).
     */
    static List<String> withLeanJit(String... heap) {
        List<String> options = new ArrayList<>(List.of(heap));
        options.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        return List.copyOf(options);
    }

    /** JVM options from an environment variable (blank-separated), added after a process's own. */
    private static List<String> extraOptions(String variable) {
        String extra = System.getenv(variable);
        return extra == null || extra.isBlank() ? List.of() : List.of(extra.trim().split("\\s+"));
    }

    private static List<String> javaCommand(List<String> options, String classpath) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(options);
        command.add("-cp");
        command.add(classpath);
        return command;
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

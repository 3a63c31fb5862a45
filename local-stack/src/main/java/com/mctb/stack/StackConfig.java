package com.mctb.stack;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the local stack runs: ports, its run directory (logs, pids, Kafka's data), the database and the Twilio
 * credentials the services and the signed webhooks share.
 *
 * @param home          the repository's top directory (where the services' built jars are)
 * @param runDir        logs, pid files, Kafka's data and the Twilio stand-in's accounts and numbers
 * @param database      one PostgreSQL database; each service has its own schema in it
 * @param publicBaseUrl the URL Twilio calls the gateway at (webhook signatures are made for it)
 * @param consolePort   the web console's port, or 0 for a stack without it (benchmarks and fault runs)
 * @param kafkaBrokers  1 (one KRaft node on kafkaPort) or a cluster of that many nodes ({@link KafkaCluster})
 */
public record StackConfig(
        Path home,
        Path runDir,
        int gatewayPort,
        int settingsPort,
        int workflowPort,
        int messagingPort,
        int kafkaPort,
        int kafkaControllerPort,
        int twilioPort,
        String pgHost,
        int pgPort,
        String pgUser,
        String pgPassword,
        String database,
        String twilioAccountSid,
        String twilioAuthToken,
        String publicBaseUrl,
        String messagingPublicBaseUrl,
        int consolePort,
        int kafkaBrokers) {

    /** A stack on one broker (the parameters before the cluster was added). */
    public StackConfig(Path home, Path runDir, int gatewayPort, int settingsPort, int workflowPort, int messagingPort,
            int kafkaPort, int kafkaControllerPort, int twilioPort, String pgHost, int pgPort, String pgUser,
            String pgPassword, String database, String twilioAccountSid, String twilioAuthToken, String publicBaseUrl,
            String messagingPublicBaseUrl, int consolePort) {
        this(home, runDir, gatewayPort, settingsPort, workflowPort, messagingPort, kafkaPort, kafkaControllerPort,
                twilioPort, pgHost, pgPort, pgUser, pgPassword, database, twilioAccountSid, twilioAuthToken,
                publicBaseUrl, messagingPublicBaseUrl, consolePort, 1);
    }

    /** A stack without the web console (the parameters before it was added). */
    public StackConfig(Path home, Path runDir, int gatewayPort, int settingsPort, int workflowPort, int messagingPort,
            int kafkaPort, int kafkaControllerPort, int twilioPort, String pgHost, int pgPort, String pgUser,
            String pgPassword, String database, String twilioAccountSid, String twilioAuthToken, String publicBaseUrl,
            String messagingPublicBaseUrl) {
        this(home, runDir, gatewayPort, settingsPort, workflowPort, messagingPort, kafkaPort, kafkaControllerPort,
                twilioPort, pgHost, pgPort, pgUser, pgPassword, database, twilioAccountSid, twilioAuthToken,
                publicBaseUrl, messagingPublicBaseUrl, 0, 1);
    }

    /** Development default for the auth token when TWILIO_AUTH_TOKEN is not set: fine locally, never in production. */
    public static final String DEV_AUTH_TOKEN = "dev-auth-token-not-secret";
    public static final String DEV_ACCOUNT_SID = "AC" + "0".repeat(31) + "1";

    /** The stack of {@code ./mctb up}: the usual ports, environment overrides as the README lists them. */
    public static StackConfig fromEnvironment(Path home, Path runDir, String database) {
        Map<String, String> env = System.getenv();
        int gateway = port(env, "GATEWAY_PORT", 8080);
        int messaging = port(env, "MESSAGING_PORT", 8083);
        return new StackConfig(home, runDir,
                gateway, port(env, "SETTINGS_PORT", 8081), port(env, "WORKFLOW_PORT", 8082), messaging,
                port(env, "KAFKA_PORT", 9092), port(env, "KAFKA_CONTROLLER_PORT", 9093), port(env, "TWILIO_STANDIN_PORT", 8089),
                env.getOrDefault("PGHOST", "127.0.0.1"), port(env, "PGPORT", 5432), env.getOrDefault("PGUSER", "postgres"),
                env.getOrDefault("PGPASSWORD", ""), database,
                env.getOrDefault("TWILIO_ACCOUNT_SID", DEV_ACCOUNT_SID),
                nonBlank(env.get("TWILIO_AUTH_TOKEN"), DEV_AUTH_TOKEN),
                nonBlank(env.get("PUBLIC_BASE_URL"), "http://localhost:" + gateway),
                nonBlank(env.get("MESSAGING_PUBLIC_BASE_URL"), "http://localhost:" + messaging),
                port(env, "CONSOLE_PORT", 8084), KafkaCluster.brokersOf(runDir, env));
    }

    /** The same stack on {@code brokers} Kafka nodes (1, or a cluster: {@link KafkaCluster}). */
    public StackConfig withKafkaBrokers(int brokers) {
        new KafkaCluster(brokers, kafkaPort, kafkaControllerPort, runDir);
        return new StackConfig(home, runDir, gatewayPort, settingsPort, workflowPort, messagingPort, kafkaPort,
                kafkaControllerPort, twilioPort, pgHost, pgPort, pgUser, pgPassword, database, twilioAccountSid,
                twilioAuthToken, publicBaseUrl, messagingPublicBaseUrl, consolePort, brokers);
    }

    /** The local Kafka's nodes, ports and directories. */
    public KafkaCluster kafka() {
        return new KafkaCluster(kafkaBrokers, kafkaPort, kafkaControllerPort, runDir);
    }

    /** The same stack without the web console: for runs that measure the services (one JVM less on two cores). */
    public StackConfig withoutConsole() {
        return new StackConfig(home, runDir, gatewayPort, settingsPort, workflowPort, messagingPort, kafkaPort,
                kafkaControllerPort, twilioPort, pgHost, pgPort, pgUser, pgPassword, database, twilioAccountSid,
                twilioAuthToken, publicBaseUrl, messagingPublicBaseUrl, 0, kafkaBrokers);
    }

    /** Whether this stack runs the web console. */
    public boolean hasConsole() {
        return consolePort > 0;
    }

    /** Every broker of the local Kafka, comma-separated. */
    public String kafkaBootstrap() {
        return kafka().bootstrap();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + database;
    }

    public String url(int port) {
        return "http://localhost:" + port;
    }

    public String twilioStandInUrl() {
        return "http://127.0.0.1:" + twilioPort;
    }

    public Path logs() {
        return runDir.resolve("logs");
    }

    /**
     * Where the Twilio stand-in keeps its subaccounts and the numbers they hold, so that after down and up they are
     * still the ones the database names (as Twilio would remember them).
     */
    public Path twilioStandInState() {
        return runDir.resolve("twilio-standin/state.json");
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    private static String nonBlank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}

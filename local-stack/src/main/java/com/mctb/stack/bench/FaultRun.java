package com.mctb.stack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mctb.contracts.Topics;
import com.mctb.stack.MissedCallScenario;
import com.mctb.stack.Stack;
import com.mctb.stack.StackConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code ./mctb faults}: a steady stream of missed calls while each service is killed with SIGKILL once (and a second
 * replica of workflow-service and messaging-service runs beside the first and is killed too), the Kafka broker (every
 * broker of a cluster) and PostgreSQL are restarted, and Twilio's API answers 429/500 for a while. On a cluster
 * ({@code --brokers 3}) the broker leading most partitions of {@code calls.missed}, and later the one leading most of
 * {@code sms.commands}, is killed with SIGKILL mid-run and started again. Twilio also answers a share of sends 502
 * <em>after</em> taking the message, and stalls a share past the services' read timeout (taken all the same).
 * Webhooks that fail are retried as Twilio's retry policy would. Afterwards: every eligible caller has exactly one
 * text, none twice, the usage ledger equals what Twilio accepted, nothing is stuck (consumer lag, outboxes, messages
 * in flight) and every DLQ is empty. Exits 1 if any of that fails, naming each check that failed.
 */
public final class FaultRun {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The services' read timeout to Twilio in the fault run: short, so that a stalled answer is past it quickly. */
    static final Duration TWILIO_READ_TIMEOUT = Duration.ofSeconds(5);
    /** How long a stalled answer takes: past {@link #TWILIO_READ_TIMEOUT}. */
    static final Duration STALL = TWILIO_READ_TIMEOUT.plusSeconds(3);

    /**
     * @param brokers         Kafka nodes (1, or 3 for the cluster with its leader kills)
     * @param ambiguousShare  share of Twilio sends answered 502 after the message was taken, in its window (half as
     *                        many are stalled past the read timeout); 0 leaves Twilio's ambiguous answers out
     */
    public record Options(int perSecond, int seconds, int brokers, double ambiguousShare) {
    }

    private FaultRun() {
    }

    /** After the last call, texts are waited for until none came for this long (a restart takes up to 40 s)... */
    static final Duration TEXTS_QUIET_FOR = Duration.ofSeconds(45);

    /** ...or this long in all: past it a text not there is lost. */
    static final Duration TEXTS_TIMEOUT = Duration.ofMinutes(10);

    /** The fault run on one broker, with Twilio's ambiguous answers at their default share. */
    public static int run(Path home, int perSecond, int seconds) throws Exception {
        return run(home, new Options(perSecond, seconds, 1, 0.1));
    }

    public static int run(Path home, Options options) throws Exception {
        int perSecond = options.perSecond();
        int seconds = options.seconds();
        Path results = home.resolve(".mctb/faults-results");
        Files.createDirectories(results);
        StackConfig config = StackConfig.fromEnvironment(home, home.resolve(".mctb/faults"), "mctb_faults").withoutConsole()
                .withKafkaBrokers(options.brokers());
        Map<String, String> environment = new LinkedHashMap<>(BenchCommand.BENCH_ENVIRONMENT);
        environment.put("MCTB_MESSAGING_TWILIO_READ_TIMEOUT", TWILIO_READ_TIMEOUT.toString());
        Stack stack = new Stack(config, System.out)
                .withServiceEnvironment(environment)
                .withReplica("workflow-service", config.workflowPort() + 10)
                .withReplica("messaging-service", config.messagingPort() + 10);
        stack.resetRunDirectory();
        stack.resetDatabase();
        stack.up();
        List<String> events = new ArrayList<>();
        Map<String, Object> checks = new LinkedHashMap<>();
        boolean passed;
        try {
            MissedCallScenario scenario = new MissedCallScenario(config, stack.token(MissedCallScenario.ACCOUNT));
            scenario.setUpGlowAesthetics();
            scenario.awaitSettingsPropagated(Duration.ofSeconds(60));

            long start = System.nanoTime();
            Thread faults = new Thread(() -> injectFaults(stack, config, options, start, events), "faults");
            faults.start();
            LoadRun.Result load = new LoadRun(config, MissedCallScenario.NUMBER, scenario.holder())
                    .extendWhile(faults::isAlive)
                    .waitForTexts(TEXTS_QUIET_FOR, TEXTS_TIMEOUT)
                    .run(perSecond, Duration.ofSeconds(seconds), 5_554_000_000L, 0.1, 3);
            faults.join();

            checks.put("calls", load.calls());
            checks.put("eligibleCallers", load.textsExpected());
            checks.put("textsReceived", load.textsReceived());
            checks.put("callersWithoutText", load.lost());
            checks.put("duplicateTexts", load.duplicates());
            checks.put("webhookAttemptsFailed", load.webhooksNot200Within15s());
            checks.put("speedToLeadMs", Map.of("p50", load.speedToLead().ms(0.5), "p99", load.speedToLead().ms(0.99),
                    "max", load.speedToLead().maxMs()));
            long ledger = usageLedgerMessages(config, stack.token(MissedCallScenario.ACCOUNT));
            checks.put("usageLedgerMessages", ledger);
            checks.put("twilioAmbiguousAnswers", ambiguousAnswers(config));
            checks.put("messagesByStatus", messagesByStatus(config));
            Map<String, Long> lag = awaitNoLag(config, Duration.ofSeconds(90));
            checks.put("consumerLag", lag);
            Map<String, Long> stuck = stuckRows(config);
            checks.put("stuckRows", stuck);
            Map<String, Long> dlq = deadLetters(config);
            checks.put("deadLetters", dlq);

            List<String> failures = new ArrayList<>();
            if (load.lost() > 0) {
                failures.add(load.lost() + " eligible callers got no text");
            }
            if (load.duplicates() > 0) {
                failures.add(load.duplicates() + " texts were sent twice (or to someone who never called)");
            }
            if (ledger != load.textsReceived()) {
                failures.add("usage ledger counts " + ledger + " messages, Twilio accepted " + load.textsReceived());
            }
            lag.forEach((group, n) -> {
                if (n > 0) {
                    failures.add("consumer group " + group + " still lags by " + n);
                }
            });
            stuck.forEach((what, n) -> {
                if (n > 0) {
                    failures.add(n + " " + what);
                }
            });
            dlq.forEach((topic, n) -> {
                if (n > 0) {
                    failures.add(n + " records in " + topic);
                }
            });
            checks.put("failures", failures);
            passed = failures.isEmpty();
        } finally {
            stack.down();
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("measuredAt", Instant.now().toString());
        report.put("ratePerSecond", perSecond);
        report.put("seconds", seconds);
        report.put("kafkaBrokers", options.brokers());
        report.put("ambiguousShare", options.ambiguousShare());
        report.put("twilioReadTimeout", TWILIO_READ_TIMEOUT.toString());
        report.put("events", events);
        report.put("checks", checks);
        report.put("passed", passed);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(results.resolve("faults.json").toFile(), report);
        System.out.println();
        System.out.println("fault run: " + (passed ? "PASSED" : "FAILED"));
        checks.forEach((k, v) -> System.out.println("  " + k + ": " + v));
        System.out.println("results: " + results.resolve("faults.json"));
        return passed ? 0 : 1;
    }

    /** The schedule, as fractions of the run so that a shorter run still meets every fault. */
    private static void injectFaults(Stack stack, StackConfig config, Options options, long start, List<String> events) {
        int seconds = options.seconds();
        List<Object[]> schedule = new ArrayList<>();
        schedule.add(new Object[] {0.05, "kill -9 call-gateway", (Fault) () -> killAndRestart(stack, "call-gateway")});
        if (config.kafka().isCluster()) {
            schedule.add(new Object[] {0.10, "kill -9 the Kafka broker leading " + Topics.CALLS_MISSED,
                (Fault) () -> killLeader(stack, config, Topics.CALLS_MISSED)});
        }
        schedule.add(new Object[] {0.17, "kill -9 workflow-service", (Fault) () -> killAndRestart(stack, "workflow-service")});
        schedule.add(new Object[] {0.24, "kill -9 messaging-service", (Fault) () -> killAndRestart(stack, "messaging-service")});
        if (config.kafka().isCluster()) {
            schedule.add(new Object[] {0.29, "kill -9 the Kafka broker leading " + Topics.SMS_COMMANDS,
                (Fault) () -> killLeader(stack, config, Topics.SMS_COMMANDS)});
        }
        schedule.add(new Object[] {0.35, "kill -9 settings-service", (Fault) () -> killAndRestart(stack, "settings-service")});
        schedule.add(new Object[] {0.41, config.kafka().isCluster() ? "restart every Kafka broker" : "restart the Kafka broker",
            (Fault) () -> {
                stack.stopKafka();
                sleep(5_000);
                stack.startKafka();
                return null;
            }});
        schedule.add(new Object[] {0.50, "restart PostgreSQL", (Fault) () -> {
            stack.restartPostgres();
            return null;
        }});
        schedule.add(new Object[] {0.57, "Twilio answers 30 % 429 for 6 % of the run, then 30 % 500 for 6 %", (Fault) () -> {
            failures(config, 429, 0.3);
            sleep((long) (seconds * 0.06 * 1000));
            failures(config, 500, 0.3);
            sleep((long) (seconds * 0.06 * 1000));
            failures(config, 500, 0.0);
            return null;
        }});
        if (options.ambiguousShare() > 0) {
            long share = Math.round(options.ambiguousShare() * 100);
            schedule.add(new Object[] {0.70, "Twilio answers " + share + " % of sends 502 after taking them and stalls "
                    + Math.round(options.ambiguousShare() * 50) + " % for " + STALL.toSeconds() + " s (read timeout "
                    + TWILIO_READ_TIMEOUT.toSeconds() + " s), taken all the same, for 15 % of the run", (Fault) () -> {
                        ambiguous(config, options.ambiguousShare());
                        sleep((long) (seconds * 0.15 * 1000));
                        ambiguous(config, 0);
                        return null;
                    }});
        }
        schedule.add(new Object[] {0.87, "kill -9 workflow-service-2 and messaging-service-2", (Fault) () -> {
            stack.kill("workflow-service-2");
            stack.kill("messaging-service-2");
            sleep(3_000);
            stack.restart("workflow-service-2");
            stack.restart("messaging-service-2");
            return null;
        }});
        for (Object[] step : schedule) {
            long due = start + (long) ((double) step[0] * seconds * 1e9);
            sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
            long t = (System.nanoTime() - start) / 1_000_000_000L;
            System.out.printf("  t=%3ds  %s%n", t, step[1]);
            try {
                String detail = ((Fault) step[2]).inject();
                events.add("t=" + t + "s " + step[1] + (detail == null ? "" : ": " + detail));
                if (detail != null) {
                    System.out.println("          " + detail);
                }
            } catch (Exception e) {
                events.add("t=" + t + "s " + step[1] + " FAILED: " + e.getMessage());
                System.out.println("  fault step failed: " + e.getMessage());
            }
        }
    }

    /** One fault; answers what it did, when there is more to say than its name (or null). */
    @FunctionalInterface
    private interface Fault {
        String inject() throws Exception;
    }

    /**
     * kill -9 of the broker leading most of {@code topic}'s partitions (Admin describeTopics), then that broker
     * started again (12 s later); waits until every partition of the topic has all its replicas in sync again (or
     * 60 s).
     */
    private static String killLeader(Stack stack, StackConfig config, String topic) throws Exception {
        Map<Integer, Integer> before = PartitionLeaders.of(config.kafkaBootstrap(), topic);
        PartitionLeaders.Leader leader = PartitionLeaders.busiest(before)
                .orElseThrow(() -> new IllegalStateException(topic + " has no partition leader: " + before));
        long t0 = System.nanoTime();
        stack.killKafkaNode(leader.brokerId());
        // Past the controller's broker session timeout (broker.session.timeout.ms, 9 s by default): only then is the
        // dead broker fenced and its partitions led by another (8 s was seen to leave the leaders where they were).
        sleep(12_000);
        Map<Integer, Integer> during = PartitionLeaders.of(config.kafkaBootstrap(), topic);
        stack.startKafkaNode(leader.brokerId());
        int replicas = stack.replicationFactor();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Map<Integer, Integer> isr = PartitionLeaders.inSyncReplicas(config.kafkaBootstrap(), topic);
        while (isr.values().stream().anyMatch(n -> n < replicas) && System.nanoTime() < deadline) {
            sleep(1_000);
            isr = PartitionLeaders.inSyncReplicas(config.kafkaBootstrap(), topic);
        }
        return "broker " + leader.brokerId() + " led partitions " + leader.partitions() + " (leaders " + before
                + "); while it was down: " + during + "; back and in sync after "
                + (System.nanoTime() - t0) / 1_000_000_000L + " s (ISR sizes " + isr + ")";
    }

    /** Twilio's ambiguous answers: {@code share} of creates 502 after taking them, half that stalled past the timeout. */
    private static void ambiguous(StackConfig config, double share) {
        control(config, "/stand-in/failures", "{\"status\":502,\"rate\":" + share + ",\"afterCreate\":true}");
        control(config, "/stand-in/stalls", "{\"rate\":" + share / 2 + ",\"millis\":" + STALL.toMillis()
                + ",\"accept\":true}");
    }

    /** How many creates the stand-in answered 502 after taking the message, and how many it stalled. */
    private static Map<String, Long> ambiguousAnswers(StackConfig config) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(config.twilioStandInUrl()
                    + "/stand-in/stalls")).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = new ObjectMapper().readTree(response.body());
            Map<String, Long> counts = new LinkedHashMap<>();
            body.fields().forEachRemaining(f -> counts.put(f.getKey(), f.getValue().asLong()));
            return counts;
        } catch (Exception e) {
            return Map.of();
        }
    }

    /** messaging.message rows by status: a text Twilio took but recorded FAILED shows here. */
    private static Map<String, Long> messagesByStatus(StackConfig config) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection(config.jdbcUrl(), config.pgUser(), config.pgPassword());
             ResultSet rs = db.createStatement().executeQuery(
                     "select status, count(*) from messaging.message group by status order by status")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    private static String killAndRestart(Stack stack, String instance) {
        stack.kill(instance);
        sleep(2_000);
        stack.restart(instance);
        return null;
    }

    private static void failures(StackConfig config, int status, double rate) {
        control(config, "/stand-in/failures", "{\"status\":" + status + ",\"rate\":" + rate + "}");
    }

    private static void control(StackConfig config, String path, String json) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(config.twilioStandInUrl() + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the Twilio stand-in refused " + path + " " + json + ": " + response.body());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot reach the Twilio stand-in", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static long usageLedgerMessages(StackConfig config, String token) throws Exception {
        long total = 0;
        // The run may straddle a month boundary in the account's zone: count this month and the last.
        YearMonth now = YearMonth.now(ZoneId.of("America/New_York"));
        for (YearMonth month : List.of(now.minusMonths(1), now)) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(config.url(config.messagingPort())
                    + "/api/accounts/" + MissedCallScenario.ACCOUNT + "/usage?month=" + month))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode usage = new ObjectMapper().readTree(response.body());
            total += usage.path("messages").asLong();
        }
        return total;
    }

    /** Waits until every consumer group has read everything; returns what is left per group. */
    private static Map<String, Long> awaitNoLag(StackConfig config, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Long> lag;
        do {
            lag = lag(config);
            if (lag.values().stream().allMatch(n -> n == 0)) {
                return lag;
            }
            Thread.sleep(1_000);
        } while (System.nanoTime() < deadline);
        return lag;
    }

    private static Map<String, Long> lag(StackConfig config) throws Exception {
        Map<String, Long> lag = new LinkedHashMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap()))) {
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
                if (group.groupId().startsWith("call-gateway-")) {
                    continue; // the gateway's settings copy commits nothing by design
                }
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                        .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
                long behind = committed.entrySet().stream()
                        .mapToLong(e -> ends.get(e.getKey()).offset() - (e.getValue() == null ? 0 : e.getValue().offset()))
                        .sum();
                lag.put(group.groupId(), behind);
            }
        }
        return lag;
    }

    /** Rows that mean work left undone: unsent outbox records and messages still pending or in flight. */
    private static Map<String, Long> stuckRows(StackConfig config) throws Exception {
        Map<String, Long> stuck = new LinkedHashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            stuck.clear();
            try (Connection db = DriverManager.getConnection(config.jdbcUrl(), config.pgUser(), config.pgPassword())) {
                for (String schema : List.of("settings", "gateway", "workflow", "messaging")) {
                    stuck.put("unsent outbox records in " + schema, count(db, "select count(*) from " + schema + ".outbox"));
                }
                stuck.put("messages still PENDING or SENDING",
                        count(db, "select count(*) from messaging.message where status in ('PENDING', 'SENDING')"));
                stuck.put("ended calls not yet checked", count(db,
                        "select count(*) from gateway.ended_call where check_after < now() - interval '30 seconds'"));
            }
            if (stuck.values().stream().allMatch(n -> n == 0) || System.nanoTime() > deadline) {
                return stuck;
            }
            Thread.sleep(2_000);
        }
    }

    private static long count(Connection db, String sql) throws Exception {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, Long> deadLetters(StackConfig config) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap()))) {
            for (Topics.TopicSpec spec : Topics.ALL) {
                if (!spec.name().endsWith(Topics.DEAD_LETTER_SUFFIX)) {
                    continue;
                }
                Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
                for (int p = 0; p < spec.partitions(); p++) {
                    request.put(new TopicPartition(spec.name(), p), OffsetSpec.latest());
                }
                long n = admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).values().stream()
                        .mapToLong(r -> r.offset()).sum();
                counts.put(spec.name(), n);
            }
        }
        return counts;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

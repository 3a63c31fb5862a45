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
 * replica of workflow-service and messaging-service runs beside the first and is killed too), the Kafka broker and
 * PostgreSQL are restarted, and Twilio's API answers 429/500 for a while. Webhooks that fail are retried as Twilio's
 * retry policy would. Afterwards: every eligible caller has exactly one text, none twice, the usage ledger equals what
 * Twilio accepted, nothing is stuck (consumer lag, outboxes, messages in flight) and every DLQ is empty. Exits 1 if
 * any of that fails.
 */
public final class FaultRun {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private FaultRun() {
    }

    public static int run(Path home, int perSecond, int seconds) throws Exception {
        Path results = home.resolve(".mctb/faults-results");
        Files.createDirectories(results);
        StackConfig config = StackConfig.fromEnvironment(home, home.resolve(".mctb/faults"), "mctb_faults").withoutConsole();
        Stack stack = new Stack(config, System.out)
                .withServiceEnvironment(BenchCommand.BENCH_ENVIRONMENT)
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
            Thread faults = new Thread(() -> injectFaults(stack, config, seconds, start, events), "faults");
            faults.start();
            LoadRun.Result load = new LoadRun(config, MissedCallScenario.NUMBER, scenario.holder())
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
    private static void injectFaults(Stack stack, StackConfig config, int seconds, long start, List<String> events) {
        Object[][] schedule = {
                {0.07, "kill -9 call-gateway", (Runnable) () -> killAndRestart(stack, "call-gateway")},
                {0.15, "kill -9 workflow-service", (Runnable) () -> killAndRestart(stack, "workflow-service")},
                {0.23, "kill -9 messaging-service", (Runnable) () -> killAndRestart(stack, "messaging-service")},
                {0.31, "kill -9 settings-service", (Runnable) () -> killAndRestart(stack, "settings-service")},
                {0.40, "restart the Kafka broker", (Runnable) () -> {
                    stack.stopKafka();
                    sleep(5_000);
                    stack.startKafka();
                }},
                {0.52, "restart PostgreSQL", (Runnable) stack::restartPostgres},
                {0.62, "Twilio answers 30 % 429 for 12% of the run", (Runnable) () -> {
                    failures(config, 429, 0.3);
                    sleep((long) (seconds * 0.06 * 1000));
                    failures(config, 500, 0.3);
                    sleep((long) (seconds * 0.06 * 1000));
                    failures(config, 500, 0.0);
                }},
                {0.80, "kill -9 workflow-service-2 and messaging-service-2", (Runnable) () -> {
                    stack.kill("workflow-service-2");
                    stack.kill("messaging-service-2");
                    sleep(3_000);
                    stack.restart("workflow-service-2");
                    stack.restart("messaging-service-2");
                }},
        };
        for (Object[] step : schedule) {
            long due = start + (long) ((double) step[0] * seconds * 1e9);
            sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
            long t = (System.nanoTime() - start) / 1_000_000_000L;
            System.out.printf("  t=%3ds  %s%n", t, step[1]);
            try {
                ((Runnable) step[2]).run();
                events.add("t=" + t + "s " + step[1]);
            } catch (RuntimeException e) {
                events.add("t=" + t + "s " + step[1] + " FAILED: " + e.getMessage());
                System.out.println("  fault step failed: " + e.getMessage());
            }
        }
    }

    private static void killAndRestart(Stack stack, String instance) {
        stack.kill(instance);
        sleep(2_000);
        stack.restart(instance);
    }

    private static void failures(StackConfig config, int status, double rate) {
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create(config.twilioStandInUrl() + "/stand-in/failures"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"status\":" + status + ",\"rate\":" + rate + "}")).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            throw new IllegalStateException("cannot reach the Twilio stand-in", e);
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

package com.mctb.stack.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./mctb soak}: a fresh stack kept under a steady rate of missed calls for many minutes (one-minute rounds of
 * {@link LoadRun}, each checked for lost and doubled texts), sampled at the start, every few minutes and at the end:
 * each process's RSS, each service's heap after a full GC ({@code jcmd GC.run}, then its
 * {@code jvm_memory_used_bytes{area="heap"}} at {@code /q/metrics}), PostgreSQL connections per database
 * ({@code pg_stat_activity}, the stack's database), TCP connections into the Kafka brokers ({@code /proc/net/tcp}), and every table of the
 * services' schemas (rows and {@code pg_total_relation_size}). Each figure is judged by {@link Growth}: memory,
 * connections and outbox rows must level off (exit 1 if one still grows in the second half); kept rows (inbox,
 * journal, messages) are reported with their growth per minute.
 */
public final class SoakRun {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern HEAP_USED = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\}\\s+(\\S+)",
            Pattern.MULTILINE);
    private static final List<String> SCHEMAS = List.of("settings", "gateway", "workflow", "messaging");
    private static final Duration ROUND = Duration.ofSeconds(60);

    /**
     * @param samples how many times the stack is sampled under load, besides once idle before it (at least 3: start,
     *                middle, end)
     */
    public record Options(int rate, int minutes, int brokers, int samples) {
    }

    /** One sampling of everything, at {@code minute} since the load started (negative: before it). */
    record Reading(double minute, Map<String, Double> values) {
    }

    private SoakRun() {
    }

    public static int run(Path home, Options options) throws Exception {
        Path results = home.resolve(".mctb/soak-results");
        Files.createDirectories(results);
        StackConfig config = StackConfig.fromEnvironment(home, home.resolve(".mctb/soak"), "mctb_soak").withoutConsole()
                .withKafkaBrokers(options.brokers());
        Stack stack = new Stack(config, System.out).withServiceEnvironment(BenchCommand.BENCH_ENVIRONMENT);
        stack.resetRunDirectory();
        stack.resetDatabase();
        stack.up();
        List<Reading> readings = new ArrayList<>();
        Map<String, Object> load = new LinkedHashMap<>();
        List<Growth.Verdict> verdicts;
        List<String> failures = new ArrayList<>();
        Instant started = Instant.now();
        try {
            MissedCallScenario scenario = new MissedCallScenario(config, stack.token(MissedCallScenario.ACCOUNT));
            scenario.setUpGlowAesthetics();
            scenario.awaitSettingsPropagated(Duration.ofSeconds(60));
            Map<String, Long> pids = stack.pids();
            System.out.printf("soak: %d calls/s for %d min on %d Kafka broker%s; sampling %d times%n", options.rate(),
                    options.minutes(), options.brokers(), options.brokers() == 1 ? "" : "s", options.samples() + 1);
            readings.add(sample(config, pids, -0.0, "idle, before the load"));

            AtomicBoolean loadDone = new AtomicBoolean();
            AtomicLong calls = new AtomicLong();
            AtomicLong eligible = new AtomicLong();
            AtomicLong lost = new AtomicLong();
            AtomicLong duplicates = new AtomicLong();
            AtomicLong toStrangers = new AtomicLong();
            AtomicLong webhookFailures = new AtomicLong();
            List<String> loadErrors = new ArrayList<>();
            long loadStart = System.nanoTime();
            long loadEnd = loadStart + TimeUnit.MINUTES.toNanos(options.minutes());
            Thread driver = new Thread(() -> {
                LoadRun run = new LoadRun(config, MissedCallScenario.NUMBER, scenario.holder());
                long callerBase = 5_570_000_000L;
                try {
                    while (System.nanoTime() < loadEnd) {
                        long left = TimeUnit.NANOSECONDS.toSeconds(loadEnd - System.nanoTime());
                        Duration round = Duration.ofSeconds(Math.max(1, Math.min(ROUND.toSeconds(), left)));
                        LoadRun.Result r = run.run(options.rate(), round, callerBase, 0.1, 3);
                        callerBase += 100_000L;
                        calls.addAndGet(r.calls());
                        eligible.addAndGet(r.textsExpected());
                        lost.addAndGet(r.lost());
                        duplicates.addAndGet(r.duplicates());
                        toStrangers.addAndGet(r.toStrangers());
                        webhookFailures.addAndGet(r.webhooksNot200Within15s());
                    }
                } catch (Exception e) {
                    synchronized (loadErrors) {
                        loadErrors.add(e.toString());
                    }
                } finally {
                    loadDone.set(true);
                }
            }, "soak-load");
            driver.start();

            long interval = TimeUnit.MINUTES.toNanos(options.minutes()) / (options.samples() - 1);
            for (int i = 0; i < options.samples() - 1; i++) {
                long due = loadStart + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(wait));
                }
                if (loadDone.get()) {
                    break;
                }
                double minute = (System.nanoTime() - loadStart) / 6e10;
                readings.add(sample(config, pids, minute, "under load"));
            }
            driver.join();
            double endMinute = (System.nanoTime() - loadStart) / 6e10;
            readings.add(sample(config, pids, endMinute, "end, after the last round drained"));

            load.put("calls", calls.get());
            load.put("eligibleCallers", eligible.get());
            load.put("callersWithoutText", lost.get());
            load.put("duplicateTexts", duplicates.get());
            // Of those, texts to numbers that did not call in their round: a late text of the round before is one.
            load.put("ofThemToNumbersNotCallingInTheirRound", toStrangers.get());
            load.put("webhookAttemptsFailed", webhookFailures.get());
            load.put("errors", loadErrors);
            if (lost.get() > 0) {
                failures.add(lost.get() + " eligible callers got no text");
            }
            if (duplicates.get() > 0) {
                failures.add(duplicates.get() + " texts were sent twice (or to someone who never called)");
            }
            loadErrors.forEach(e -> failures.add("the load stopped: " + e));
            verdicts = judge(readings, options);
            verdicts.stream().filter(Growth.Verdict::fails).forEach(v -> failures.add(v.name() + " grows: " + v.describe()));
        } finally {
            stack.down();
        }

        System.out.println();
        System.out.println("soak: " + (failures.isEmpty() ? "PASSED" : "FAILED") + " — " + options.rate() + " calls/s for "
                + options.minutes() + " min, " + load.get("calls") + " calls");
        load.forEach((k, v) -> System.out.println("  " + k + ": " + v));
        System.out.println("  start / middle / end (first sample after the warm-up, the one nearest halfway, after the"
                + " last round):");
        for (Growth.Verdict v : verdicts) {
            System.out.printf("    %-52s %s%n", v.name(), v.describe());
        }
        List<String> grew = verdicts.stream().filter(Growth.Verdict::grows).map(Growth.Verdict::name).toList();
        System.out.println("  grew in the second half: " + (grew.isEmpty() ? "nothing" : String.join(", ", grew)));
        failures.forEach(f -> System.out.println("  FAILED: " + f));

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("measuredAt", Instant.now().toString());
        report.put("startedAt", started.toString());
        report.put("ratePerSecond", options.rate());
        report.put("minutes", options.minutes());
        report.put("kafkaBrokers", options.brokers());
        report.put("load", load);
        report.put("readings", readings);
        List<Map<String, Object>> judged = new ArrayList<>();
        for (Growth.Verdict v : verdicts) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("name", v.name());
            j.put("kind", v.kind().toString());
            j.put("unit", v.unit());
            j.put("start", v.start());
            j.put("middle", v.middle());
            j.put("end", v.end());
            j.put("growsInSecondHalf", v.grows());
            j.put("perMinuteInSecondHalf", v.perMinute());
            judged.add(j);
        }
        report.put("verdicts", judged);
        report.put("failures", failures);
        report.put("passed", failures.isEmpty());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(results.resolve("soak.json").toFile(), report);
        System.out.println("results: " + results.resolve("soak.json"));
        return failures.isEmpty() ? 0 : 1;
    }

    /** Every figure's verdict over the readings taken under load (the idle one is only reported). */
    static List<Growth.Verdict> judge(List<Reading> readings, Options options) {
        List<Reading> loaded = readings.stream().filter(r -> r.minute() > 0).toList();
        double warmup = Math.min(3, options.minutes() / 4.0);
        Set<String> names = new java.util.TreeSet<>();
        loaded.forEach(r -> names.addAll(r.values().keySet()));
        List<Growth.Verdict> verdicts = new ArrayList<>();
        for (String name : names) {
            List<Growth.Sample> samples = loaded.stream().filter(r -> r.values().containsKey(name))
                    .map(r -> new Growth.Sample(r.minute(), r.values().get(name))).toList();
            if (samples.isEmpty()) {
                continue;
            }
            verdicts.add(verdict(name, samples, warmup, options.rate()));
        }
        return verdicts;
    }

    /** The kind and tolerance of each figure, by its name. */
    static Growth.Verdict verdict(String name, List<Growth.Sample> samples, double warmup, int rate) {
        if (name.startsWith("rss ")) {
            return Growth.judge(name, Growth.Kind.BOUNDED, "MB", samples, warmup, 24, 0.10);
        }
        if (name.startsWith("heap after GC ")) {
            return Growth.judge(name, Growth.Kind.BOUNDED, "MB", samples, warmup, 16, 0.15);
        }
        if (name.startsWith("pg connections ") || name.startsWith("kafka connections")) {
            return Growth.judge(name, Growth.Kind.BOUNDED, "", samples, warmup, 3, 0.10);
        }
        boolean queue = name.contains(".outbox ");
        if (name.endsWith(" MB")) {
            return Growth.judge(name, queue ? Growth.Kind.BOUNDED : Growth.Kind.RECORDS, "MB", samples, warmup, 2, 0.05);
        }
        // Rows: a queue holds a few seconds of traffic at most; kept rows are judged the same way and only reported.
        return Growth.judge(name, queue ? Growth.Kind.BOUNDED : Growth.Kind.RECORDS, "rows", samples, warmup,
                Math.max(100, 10.0 * rate), 0.05);
    }

    private static Reading sample(StackConfig config, Map<String, Long> pids, double minute, String what) {
        long t0 = System.nanoTime();
        Map<String, Double> values = new TreeMap<>();
        pids.forEach((name, pid) -> {
            long rss = ProcessStats.rssKb(pid);
            if (rss > 0) {
                values.put("rss " + name, rss / 1024.0);
            }
        });
        for (Map.Entry<String, Long> e : pids.entrySet()) {
            if (e.getKey().startsWith("kafka") || e.getKey().equals("twilio-standin")) {
                continue;
            }
            heapAfterGc(config, e.getKey(), e.getValue()).ifPresent(mb -> values.put("heap after GC " + e.getKey(), mb));
        }
        try (Connection db = DriverManager.getConnection(config.jdbcUrl(), config.pgUser(), config.pgPassword());
             Statement sql = db.createStatement()) {
            // This stack's database only: the server is shared, other databases' clients come and go with them.
            try (ResultSet rs = sql.executeQuery("select count(*) from pg_stat_activity where backend_type = 'client backend'"
                    + " and datname = '" + config.database() + "'")) {
                rs.next();
                values.put("pg connections " + config.database(), (double) rs.getLong(1));
            }
            List<String[]> tables = new ArrayList<>();
            try (ResultSet rs = sql.executeQuery("select schemaname, relname from pg_stat_user_tables where schemaname in ("
                    + String.join(",", SCHEMAS.stream().map(s -> "'" + s + "'").toList()) + ")"
                    + " and relname not like 'flyway%' order by 1, 2")) {
                while (rs.next()) {
                    tables.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] t : tables) {
                String table = t[0] + "." + t[1];
                try (ResultSet rs = sql.executeQuery("select count(*), pg_total_relation_size('" + table + "') from " + table)) {
                    rs.next();
                    values.put(table + " rows", (double) rs.getLong(1));
                    values.put(table + " MB", rs.getLong(2) / 1048576.0);
                }
            }
        } catch (java.sql.SQLException e) {
            System.out.println("  (PostgreSQL not read at this sample: " + e.getMessage() + ")");
        }
        values.put("kafka connections (established, into the brokers)", (double) kafkaConnections(config));
        System.out.printf(Locale.ROOT, "  sample at %5.1f min (%s), %.1f s: RSS %s MB in all, PostgreSQL connections %s%n",
                Math.max(0, minute), what, (System.nanoTime() - t0) / 1e9,
                Math.round(values.entrySet().stream().filter(v -> v.getKey().startsWith("rss "))
                        .mapToDouble(Map.Entry::getValue).sum()),
                Math.round(values.entrySet().stream().filter(v -> v.getKey().startsWith("pg connections "))
                        .mapToDouble(Map.Entry::getValue).sum()));
        return new Reading(minute, values);
    }

    /** A full GC ({@code jcmd PID GC.run}), then the heap the service reports in use (MB). */
    private static java.util.Optional<Double> heapAfterGc(StackConfig config, String instance, long pid) {
        try {
            Process gc = new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true).start();
            gc.getInputStream().readAllBytes();
            if (!gc.waitFor(30, TimeUnit.SECONDS) || gc.exitValue() != 0) {
                return java.util.Optional.empty();
            }
            int port = switch (instance) {
                case "call-gateway" -> config.gatewayPort();
                case "settings-service" -> config.settingsPort();
                case "workflow-service" -> config.workflowPort();
                case "messaging-service" -> config.messagingPort();
                default -> -1;
            };
            if (port < 0) {
                return java.util.Optional.empty();
            }
            HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(config.url(port) + "/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return heapUsedMb(metrics.body());
        } catch (java.io.IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    /** The sum of {@code jvm_memory_used_bytes{area="heap",…}} in a Prometheus scrape, in MB. */
    static java.util.Optional<Double> heapUsedMb(String exposition) {
        Matcher m = HEAP_USED.matcher(exposition);
        double bytes = 0;
        boolean any = false;
        while (m.find()) {
            bytes += Double.parseDouble(m.group(1));
            any = true;
        }
        return any ? java.util.Optional.of(bytes / 1048576.0) : java.util.Optional.empty();
    }

    /** Established TCP connections whose local end is a broker's port (clients and the other brokers). */
    private static long kafkaConnections(StackConfig config) {
        Set<Integer> ports = new java.util.HashSet<>();
        config.kafka().nodeList().forEach(n -> ports.add(n.brokerPort()));
        long n = 0;
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                n += establishedTo(Files.readAllLines(Path.of(file)), ports);
            } catch (java.io.IOException e) {
                // no IPv6 table: nothing to count there
            }
        }
        return n;
    }

    /** In /proc/net/tcp lines: those in state 01 (ESTABLISHED) whose local address has one of {@code ports}. */
    static long establishedTo(List<String> procNetTcp, Set<Integer> ports) {
        long n = 0;
        for (String line : procNetTcp) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || !f[3].equals("01")) {
                continue;
            }
            String local = f[1];
            int colon = local.lastIndexOf(':');
            if (colon < 0) {
                continue;
            }
            try {
                if (ports.contains(Integer.parseInt(local.substring(colon + 1), 16))) {
                    n++;
                }
            } catch (NumberFormatException e) {
                // the header line
            }
        }
        return n;
    }
}

package com.mctb.stack.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mctb.stack.MissedCallScenario;
import com.mctb.stack.Stack;
import com.mctb.stack.StackConfig;
import com.mctb.stack.StackException;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code ./mctb bench}: a fresh stack, a warm-up, then each rate for a fixed time with the reference relay after it;
 * stops climbing when a rate breaks (texts lost, webhooks failing, or speed-to-lead p99 over 5 s) unless told to go
 * on. For each rate it prints, and writes to {@code bench.json}: the texts, speed-to-lead and webhook answers, and
 * the CPU per missed call over the steady window (while calls are sent) split into the product — our services,
 * Kafka, PostgreSQL — and, apart from it, the Twilio stand-in and the load generator; then the drain (last call sent
 * → last text) on its own. It prints the JVM flags of every process with the figures, and draws
 * {@code speed-to-lead.png} against the previous run.
 */
public final class BenchCommand {

    /**
     * Per-service settings for the benchmark: the demo account texts from one long code, whose real carrier limit
     * (1/s) would make any rate above 1 call/s a queue; the stand-in has no carrier behind it.
     */
    static final Map<String, String> BENCH_ENVIRONMENT = Map.of(
            "MESSAGING_RATE_LONG_CODE", "100000");

    /** What {@code --profile} takes: a short name or the process's own name. */
    static final Map<String, String> PROFILABLE = orderedMap(
            "gateway", "call-gateway", "settings", "settings-service", "workflow", "workflow-service",
            "messaging", "messaging-service", "kafka", "kafka", "stand-in", "twilio-standin");

    /** How many frames a profile prints. */
    public static final int TOP = 15;

    private static final long SAMPLE_MILLIS = 250;
    private static final long IDLE_MILLIS = 2_000;
    private static final PrintStream OUT = System.out;

    /**
     * @param compare    an earlier bench.json to draw beside this run; null: the results directory's last one if
     *                   there is one, else docs/perf/bench.json
     * @param noCompare  draw this run alone
     * @param keepGoing  run every rate even after one broke
     * @param profile    processes to record with JFR during each rate (their process names)
     * @param brokers    Kafka nodes (1, or a cluster)
     * @param warmUpSeconds how long the warm-up at {@link #WARM_UP_RATE} runs before the first rate
     */
    public record Options(List<Integer> rates, int seconds, double repeatShare, boolean keepGoing, Path compare,
            boolean noCompare, List<String> profile, int brokers, int warmUpSeconds) {

        public static Options of(List<Integer> rates, int seconds, double repeatShare) {
            return new Options(rates, seconds, repeatShare, false, null, false, List.of(), 1, DEFAULT_WARM_UP_SECONDS);
        }
    }

    /** Calls per second of the warm-up. */
    public static final int WARM_UP_RATE = 100;

    /**
     * How long the warm-up runs by default. The services run C2 (Stack's service JVM options), whose code is only
     * cheaper than C1's once it is compiled: after 90 s at 100 calls/s the gateway's and workflow-service's JIT took
     * 2-7 % of a core at the first rate, messaging-service's (the most code: some 25,000 methods compiled, 190 s of
     * its compiler thread's time in a few minutes) still 19-21 % at the first rate and 2 % at the third. A service
     * runs for days, so the rates are measured on code as compiled as that; each rate prints each process's JIT share.
     */
    public static final int DEFAULT_WARM_UP_SECONDS = 90;

    private BenchCommand() {
    }

    /** The process a {@code --profile} name means (gateway → call-gateway, …), if it is one. */
    public static Optional<String> profileTarget(String name) {
        String n = name.trim();
        if (PROFILABLE.containsKey(n)) {
            return Optional.of(PROFILABLE.get(n));
        }
        return PROFILABLE.containsValue(n) ? Optional.of(n) : Optional.empty();
    }

    public static int run(Path home, Options options) throws Exception {
        Path results = home.resolve(".mctb/bench-results");
        Files.createDirectories(results);
        Optional<PreviousRun> previous = options.noCompare() ? Optional.empty()
                : PreviousRun.read(options.compare() != null ? home.resolve(options.compare())
                        : Files.isRegularFile(results.resolve("bench.json")) ? results.resolve("bench.json")
                        : home.resolve("docs/perf/bench.json"));
        if (options.compare() != null && previous.isEmpty()) {
            throw new com.mctb.stack.StackException("--compare " + options.compare() + ": not a bench.json this can read");
        }
        previous.ifPresent(p -> OUT.println("comparing with " + p.file() + " (" + p.measuredAt() + ")"));
        StackConfig config = StackConfig.fromEnvironment(home, home.resolve(".mctb/bench"), "mctb_bench").withoutConsole()
                .withKafkaBrokers(options.brokers());
        Stack stack = new Stack(config, System.out).withServiceEnvironment(BENCH_ENVIRONMENT);
        stack.resetRunDirectory();
        stack.resetDatabase();
        stack.up();
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, List<double[]>> plot = new LinkedHashMap<>();
        String breaksAt = null;
        Map<String, Object> processes;
        String postgresServer;
        try {
            Map<String, Long> pids = stack.pids();
            OptionalLong postmaster = PostgresProcesses.postmaster();
            processes = jvmFlags(pids);
            postgresServer = postmaster.isPresent() ? postgresServer(postmaster.getAsLong()) : "not found";
            printFlags(processes, postgresServer);
            MissedCallScenario scenario = new MissedCallScenario(config, stack.token(MissedCallScenario.ACCOUNT));
            scenario.setUpGlowAesthetics();
            scenario.awaitSettingsPropagated(Duration.ofSeconds(60));
            LoadRun load = new LoadRun(config, MissedCallScenario.NUMBER, scenario.holder());
            OUT.printf("warm-up: %d calls/s for %d s%n", WARM_UP_RATE, options.warmUpSeconds());
            load.run(WARM_UP_RATE, Duration.ofSeconds(options.warmUpSeconds()), 5_552_000_000L, 0);
            long callerBase = 5_553_000_000L;
            Map<String, Long> profiled = new LinkedHashMap<>();
            for (String p : options.profile()) {
                if (pids.containsKey(p)) {
                    profiled.put(p, pids.get(p));
                }
            }
            for (int rate : options.rates()) {
                OUT.printf("rate %d calls/s for %d s%n", rate, options.seconds());
                Measured m = measure(load, config.url(config.gatewayPort()), pids, postmaster, config.database(), rate,
                        options.seconds(), callerBase, options.repeatShare(), profiled,
                        results.resolve("jfr").resolve("rate-" + rate));
                callerBase += 1_000_000L;
                // What Kafka and this JVM use with no load (the services' idle polls): the relay's own CPU is above it.
                CpuSnapshot idleFrom = CpuSnapshot.take(pids, OptionalLong.empty());
                Thread.sleep(IDLE_MILLIS);
                CpuSplit idle = CpuSplit.between(idleFrom, CpuSnapshot.take(pids, OptionalLong.empty()), config.database());
                AtomicReference<CpuSnapshot> relayFrom = new AtomicReference<>();
                AtomicReference<CpuSnapshot> relayTo = new AtomicReference<>();
                Percentiles relay = RelayReference.run(config.kafkaBootstrap(), rate,
                        Duration.ofSeconds(Math.min(options.seconds(), 15)), new LoadRun.Window() {
                            @Override
                            public void steadyStarted() {
                                relayFrom.set(CpuSnapshot.take(pids, OptionalLong.empty()));
                            }

                            @Override
                            public void steadyEnded() {
                                relayTo.set(CpuSnapshot.take(pids, OptionalLong.empty()));
                            }
                        });
                RelayCpu relayCpu = new RelayCpu(CpuSplit.between(relayFrom.get(), relayTo.get(), config.database()),
                        idle, relay.count());
                String broken = broken(m.result());
                Map<String, Object> row = row(m, relay, relayCpu, broken);
                rows.add(row);
                print(m, relay, relayCpu, previous.flatMap(p -> p.at(rate).map(r -> Map.entry(p, r))).orElse(null));
                add(plot, "speed-to-lead p50", rate, m.result().speedToLead().ms(0.50));
                add(plot, "speed-to-lead p99", rate, m.result().speedToLead().ms(0.99));
                add(plot, "two-hop relay p50", rate, relay.ms(0.50));
                add(plot, "two-hop relay p99", rate, relay.ms(0.99));
                if (broken != null) {
                    if (breaksAt == null) {
                        breaksAt = rate + " calls/s: " + broken;
                    }
                    OUT.println("breaks at " + rate + " calls/s: " + broken);
                    if (!options.keepGoing()) {
                        break;
                    }
                    OUT.println("(--keep-going: on to the next rate)");
                }
            }
        } finally {
            stack.down();
        }
        Map<String, Object> report = new LinkedHashMap<>();
        String measuredAt = Instant.now().toString();
        report.put("measuredAt", measuredAt);
        report.put("machine", machine());
        report.put("secondsPerRate", options.seconds());
        report.put("warmUpSeconds", options.warmUpSeconds());
        report.put("kafkaBrokers", options.brokers());
        report.put("repeatShare", options.repeatShare());
        report.put("cpuGroups", "product = our services + Kafka + PostgreSQL (its processes, less live backends of other"
                + " databases); the Twilio stand-in and the load generator (the bench JVM) apart; steady = while calls"
                + " are sent, per call sent; drain = last call sent to last text");
        report.put("jvms", processes);
        report.put("postgresql", postgresServer);
        report.put("comparedWith", previous.map(p -> p.file() + " (" + p.measuredAt() + ")").orElse(null));
        report.put("keepGoing", options.keepGoing());
        report.put("rates", rows);
        report.put("breaksAt", breaksAt);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(results.resolve("bench.json").toFile(), report);
        LatencyPlot.write(results.resolve("speed-to-lead.png"),
                "Speed-to-lead vs. rate (dial-complete sent → SMS request at Twilio's API)",
                plotSeries(plot, measuredAt.substring(0, 10), previous));
        OUT.println("results: " + results.resolve("bench.json") + ", " + results.resolve("speed-to-lead.png")
                + " (copy them to docs/perf/ to keep them)");
        return 0;
    }

    /** This run solid (relay dashed), the previous run paler (speed-to-lead dashed, relay dotted), both dated. */
    static List<LatencyPlot.Series> plotSeries(Map<String, List<double[]>> now, String date, Optional<PreviousRun> previous) {
        Map<String, Color> colours = Map.of("speed-to-lead p50", new Color(31, 119, 180),
                "speed-to-lead p99", new Color(214, 39, 40), "two-hop relay p50", new Color(31, 119, 180),
                "two-hop relay p99", new Color(214, 39, 40));
        List<LatencyPlot.Series> series = new ArrayList<>();
        now.forEach((name, points) -> series.add(new LatencyPlot.Series(name + ", " + date + " (this run)", points,
                colours.getOrDefault(name, Color.BLUE), name.contains("relay") ? LatencyPlot.Line.DASHED
                : LatencyPlot.Line.SOLID, false)));
        previous.ifPresent(p -> p.series().forEach((name, points) -> series.add(new LatencyPlot.Series(
                name + ", " + p.date() + " (previous)", points, colours.getOrDefault(name, Color.BLUE),
                name.contains("relay") ? LatencyPlot.Line.DOTTED : LatencyPlot.Line.DASHED, true))));
        return series;
    }

    /**
     * The reference relay's CPU: Kafka's and its clients' (this JVM's) in its window, and the same above what they
     * used idle just before it (Kafka serves the idle services' polls all the time).
     */
    record RelayCpu(CpuSplit window, CpuSplit idle, long records) {

        double kafkaMsPerRecord() {
            return CpuSplit.per(window.kafka(), records);
        }

        double clientsMsPerRecord() {
            return CpuSplit.per(window.loadGenerator(), records);
        }

        double kafkaAboveIdleMsPerRecord() {
            return CpuSplit.per(Math.max(0, window.kafka() - idle.kafka() / idle.seconds() * window.seconds()), records);
        }

        double clientsAboveIdleMsPerRecord() {
            return CpuSplit.per(Math.max(0, window.loadGenerator() - idle.loadGenerator() / idle.seconds()
                    * window.seconds()), records);
        }

        Map<String, Object> toJson() {
            return orderedMap("records", records, "seconds", window.seconds(), "kafkaMsPerRecord", kafkaMsPerRecord(),
                    "clientsMsPerRecord", clientsMsPerRecord(), "kafkaAboveIdleMsPerRecord", kafkaAboveIdleMsPerRecord(),
                    "clientsAboveIdleMsPerRecord", clientsAboveIdleMsPerRecord(),
                    "kafkaIdlePercentOfACore", idle.percentOfACore(idle.kafka()),
                    "clientsIdlePercentOfACore", idle.percentOfACore(idle.loadGenerator()));
        }
    }

    /** One rate measured: the load's result, the steady window's and the drain's CPU, memory, and profiles. */
    record Measured(LoadRun.Result result, CpuSplit steady, CpuSplit drain, Map<String, ProcessStats.Result> processes,
            Map<String, TopFrames.Profile> profiles, long steadyEndEpochNanos, GatewayHandling.Window gateway) {

        /** From the last call sent to the last text at the stand-in; NaN if no text came. */
        double lastTextAfterLastCallMs() {
            return result.lastTextEpochNanos() == 0 ? Double.NaN
                    : (result.lastTextEpochNanos() - steadyEndEpochNanos) / 1e6;
        }
    }

    /**
     * Plays one rate and reads the processes' CPU at the start and end of the steady window and at the end of the
     * drain (the first of the 250 ms samples taken after the last text reached the stand-in).
     */
    static Measured measure(LoadRun load, String gatewayUrl, Map<String, Long> pids, OptionalLong postmaster,
            String database, int rate, int seconds, long callerBase, double repeatShare, Map<String, Long> profiled,
            Path jfrFiles) throws Exception {
        GatewayHandling.Snapshot gatewayBefore = GatewayHandling.read(gatewayUrl);
        ProcessStats stats = new ProcessStats(pids);
        List<CpuSnapshot> timeline = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<CpuSnapshot> steadyStart = new AtomicReference<>();
        AtomicReference<CpuSnapshot> steadyEnd = new AtomicReference<>();
        JfrProfiler profiler = new JfrProfiler();
        if (!profiled.isEmpty()) {
            profiler.start(profiled, jfrFiles);
        }
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-sampler");
            t.setDaemon(true);
            return t;
        });
        LoadRun.Result r;
        try {
            r = load.run(rate, Duration.ofSeconds(seconds), callerBase, repeatShare, 0, new LoadRun.Window() {
                @Override
                public void steadyStarted() {
                    steadyStart.set(CpuSnapshot.take(pids, postmaster));
                    stats.start();
                    sampler.scheduleAtFixedRate(() -> {
                        timeline.add(CpuSnapshot.take(pids, postmaster));
                        stats.sample();
                    }, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
                }

                @Override
                public void steadyEnded() {
                    steadyEnd.set(CpuSnapshot.take(pids, postmaster));
                }
            });
        } finally {
            sampler.shutdownNow();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
        }
        CpuSnapshot last = CpuSnapshot.take(pids, postmaster);
        Map<String, ProcessStats.Result> processes = stats.stop();
        CpuSnapshot drainEnd = drainEnd(timeline, steadyEnd.get(), r.lastTextEpochNanos(), last);
        Map<String, TopFrames.Profile> profiles = new LinkedHashMap<>();
        if (!profiled.isEmpty()) {
            Instant from = instant(steadyStart.get().epochNanos());
            Instant to = instant(steadyEnd.get().epochNanos());
            for (Map.Entry<String, Path> f : profiler.stop().entrySet()) {
                profiles.put(f.getKey(), TopFrames.of(f.getValue(), from, to, TOP, "com.mctb."));
            }
        }
        return new Measured(r, CpuSplit.between(steadyStart.get(), steadyEnd.get(), database),
                CpuSplit.between(steadyEnd.get(), drainEnd, database), processes, profiles, steadyEnd.get().epochNanos(),
                GatewayHandling.Window.between(gatewayBefore, GatewayHandling.read(gatewayUrl)));
    }

    /** The first sample at or after the last text (and after the steady window); {@code last} if there is none. */
    static CpuSnapshot drainEnd(List<CpuSnapshot> timeline, CpuSnapshot steadyEnd, long lastTextEpochNanos,
            CpuSnapshot last) {
        synchronized (timeline) {
            return timeline.stream().filter(s -> s.nanoTime() >= steadyEnd.nanoTime())
                    .filter(s -> s.epochNanos() >= lastTextEpochNanos).findFirst().orElse(last);
        }
    }

    private static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(0, epochNanos);
    }

    /**
     * {@code ./mctb load}: one rate against the stack {@code ./mctb up} started (set up for Glow Aesthetics on first
     * use), e.g. to watch the dashboard or profile a service while it works; prints the same figures as a bench row.
     */
    public static int load(Path home, int rate, int seconds, double repeatShare) throws Exception {
        Stack stack = new Stack(StackConfig.fromEnvironment(home, home.resolve(".mctb/stack"), "mctb"), System.out);
        MissedCallScenario scenario = new MissedCallScenario(stack.config(), stack.token(MissedCallScenario.ACCOUNT));
        // Setting up again on a stack set up before changes nothing (each step takes "it is there already"):
        // a failure here is one the load would die of too.
        try {
            scenario.setUpGlowAesthetics();
        } catch (MissedCallScenario.UnknownTwilioAccount e) {
            throw new StackException(e.getMessage() + ". Start the stack afresh (a new database, Kafka and stand-in):"
                    + " ./mctb down && ./mctb up --fresh", e);
        } catch (RuntimeException e) {
            throw new StackException("cannot set up " + MissedCallScenario.BUSINESS + " on the stack of ./mctb up (is"
                    + " it up? ./mctb status): " + e.getMessage(), e);
        }
        scenario.awaitSettingsPropagated(Duration.ofSeconds(60));
        Map<String, Long> pids = stack.pids();
        OptionalLong postmaster = PostgresProcesses.postmaster();
        printFlags(jvmFlags(pids), postmaster.isPresent() ? postgresServer(postmaster.getAsLong()) : "not found");
        OUT.printf("rate %d calls/s for %d s%n", rate, seconds);
        Measured m = measure(new LoadRun(stack.config(), MissedCallScenario.NUMBER, scenario.holder()),
                stack.config().url(stack.config().gatewayPort()), pids, postmaster, stack.config().database(), rate, seconds,
                5_560_000_000L + (System.currentTimeMillis() / 1000 % 100_000) * 1000, repeatShare, Map.of(), null);
        print(m, null, null, null);
        return broken(m.result()) == null ? 0 : 1;
    }

    static String broken(LoadRun.Result r) {
        if (r.lost() > 0) {
            return r.lost() + " callers got no text";
        }
        if (r.duplicates() > 0) {
            return r.duplicates() + " duplicate texts";
        }
        if (r.webhooksNot200Within15s() > 0) {
            return r.webhooksNot200Within15s() + " webhook requests not answered 200 within 15 s";
        }
        if (r.speedToLead().ms(0.99) > 5_000) {
            return "speed-to-lead p99 " + Math.round(r.speedToLead().ms(0.99)) + " ms";
        }
        return null;
    }

    private static Map<String, Object> row(Measured m, Percentiles relay, RelayCpu relayCpu, String broken) {
        LoadRun.Result r = m.result();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("rate", r.rate());
        row.put("calls", r.calls());
        row.put("offeredPerSecond", r.offeredPerSecond());
        row.put("textsExpected", r.textsExpected());
        row.put("textsReceived", r.textsReceived());
        row.put("duplicates", r.duplicates());
        row.put("duplicatesToNumbersThatDidNotCall", r.toStrangers());
        row.put("lost", r.lost());
        row.put("webhookErrors", r.webhookErrors());
        row.put("webhooks", orderedMap("sent", r.webhooks(), "errors", r.webhookErrors(), "timeouts", r.webhookTimeouts(),
                "not200Within15s", r.webhooksNot200Within15s(), "not200Within1s", r.webhooksNot200Within1s()));
        row.put("speedToLeadMs", orderedMap("p50", r.speedToLead().ms(0.5), "p95", r.speedToLead().ms(0.95),
                "p99", r.speedToLead().ms(0.99), "max", r.speedToLead().maxMs()));
        row.put("webhookMs", orderedMap("p50", r.webhook().ms(0.5), "p99", r.webhook().ms(0.99), "max", r.webhook().maxMs()));
        row.put("gatewayHandlingMs", orderedMap("requests", m.gateway().requests(), "mean", m.gateway().meanMs(),
                "recentMax", m.gateway().maxMs()));
        row.put("relayMs", orderedMap("p50", relay.ms(0.5), "p99", relay.ms(0.99)));
        row.put("ratioToRelayP50", r.speedToLead().ms(0.5) / relay.ms(0.5));
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("steady", m.steady().toJson(r.calls()));
        Map<String, Object> drain = new LinkedHashMap<>(m.drain().toJson(r.calls()));
        drain.put("lastTextAfterLastCallMs", m.lastTextAfterLastCallMs());
        cpu.put("drain", drain);
        cpu.put("relayReference", relayCpu.toJson());
        row.put("cpu", cpu);
        row.put("processes", m.processes());
        if (!m.profiles().isEmpty()) {
            row.put("profiles", m.profiles());
        }
        row.put("broken", broken);
        return row;
    }

    /** One rate's figures; {@code relay} null when no reference relay was run ({@code ./mctb load}). */
    private static void print(Measured m, Percentiles relay, RelayCpu relayCpu,
            Map.Entry<PreviousRun, PreviousRun.Row> previous) {
        LoadRun.Result r = m.result();
        CpuSplit s = m.steady();
        long calls = r.calls();
        OUT.printf("  calls %d (offered %.1f/s), texts expected %d, received %d, duplicates %d (%d of them to numbers"
                        + " that did not call in this run), lost %d%n", calls, r.offeredPerSecond(), r.textsExpected(),
                r.textsReceived(), r.duplicates(), r.toStrangers(), r.lost());
        OUT.printf("  webhooks %d: errors %d, timeouts %d; not answered 200 within 15 s: %d, within 1 s: %d%n",
                r.webhooks(), r.webhookErrors(), r.webhookTimeouts(), r.webhooksNot200Within15s(),
                r.webhooksNot200Within1s());
        OUT.printf("  webhook answer ms p50 %.1f  p99 %.1f  max %.1f%n", r.webhook().ms(0.5), r.webhook().ms(0.99),
                r.webhook().maxMs());
        OUT.printf("  the gateway's own handling of %d of them (its http_server_requests timer): mean %.1f ms, max %.1f ms"
                + " (Micrometer's, of about its last 2 minutes)%n", m.gateway().requests(), m.gateway().meanMs(),
                m.gateway().maxMs());
        OUT.printf("  speed-to-lead ms  p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%s%n",
                r.speedToLead().ms(0.5), r.speedToLead().ms(0.95), r.speedToLead().ms(0.99), r.speedToLead().maxMs(),
                relay == null ? "" : String.format("   (two-hop relay p50 %.1f p99 %.1f; ratio p50 %.1fx)",
                        relay.ms(0.5), relay.ms(0.99), r.speedToLead().ms(0.5) / relay.ms(0.5)));
        OUT.printf("  CPU per missed call, steady window (%.1f s, %d calls sent):%n", s.seconds(), calls);
        OUT.printf("    the product        %6.2f ms   (services %.2f + Kafka %.2f + PostgreSQL %.2f)%n",
                CpuSplit.per(s.product(), calls), CpuSplit.per(s.servicesTotal(), calls), CpuSplit.per(s.kafka(), calls),
                CpuSplit.per(s.postgres().product(), calls));
        s.services().forEach((name, ms) -> OUT.printf("      %-18s %6.2f ms   %s%n", name, CpuSplit.per(ms, calls),
                processLine(s, ms, m.processes().get(name))));
        OUT.printf("      %-18s %6.2f ms   %s%n", "kafka", CpuSplit.per(s.kafka(), calls),
                processLine(s, s.kafka(), m.processes().get("kafka")));
        PostgresProcesses.Cpu pg = s.postgres();
        OUT.printf("      %-18s %6.2f ms   %3.0f%% of a core (backends of this database %.2f, background %.2f, ended"
                        + " backends %.2f; other databases' backends %.2f ms/call left out)%n", "postgresql",
                CpuSplit.per(pg.product(), calls), s.percentOfACore(pg.product()), CpuSplit.per(pg.database(), calls),
                CpuSplit.per(pg.background(), calls), CpuSplit.per(pg.ended(), calls),
                CpuSplit.per(pg.otherDatabases(), calls));
        OUT.println("    apart from the product:");
        OUT.printf("      %-18s %6.2f ms   %s%n", "twilio stand-in", CpuSplit.per(s.standIn(), calls),
                processLine(s, s.standIn(), m.processes().get("twilio-standin")));
        OUT.printf("      %-18s %6.2f ms   %3.0f%% of a core (this JVM)%n", "load generator",
                CpuSplit.per(s.loadGenerator(), calls), s.percentOfACore(s.loadGenerator()));
        CpuSplit d = m.drain();
        OUT.printf("  drain: last text %.0f ms after the last call; CPU to the next 250 ms sample (%.2f s): %.0f ms in"
                        + " all: product %.0f ms (services %.0f, Kafka %.0f, PostgreSQL %.0f), stand-in %.0f, load"
                        + " generator %.0f%n", m.lastTextAfterLastCallMs(), d.seconds(), d.all(), d.product(), d.servicesTotal(), d.kafka(), d.postgres().product(), d.standIn(),
                d.loadGenerator());
        if (relay != null) {
            OUT.printf("  two-hop relay reference: %d records in %.1f s, CPU per record: Kafka %.3f ms, its clients"
                            + " (this JVM) %.3f ms; above their idle use (Kafka %.0f%%, this JVM %.0f%% of a core):"
                            + " %.3f and %.3f ms%n", relay.count(), relayCpu.window().seconds(),
                    relayCpu.kafkaMsPerRecord(), relayCpu.clientsMsPerRecord(),
                    relayCpu.idle().percentOfACore(relayCpu.idle().kafka()),
                    relayCpu.idle().percentOfACore(relayCpu.idle().loadGenerator()),
                    relayCpu.kafkaAboveIdleMsPerRecord(), relayCpu.clientsAboveIdleMsPerRecord());
        }
        m.profiles().forEach((name, p) -> printProfile(name, p));
        if (previous != null) {
            PreviousRun.Row old = previous.getValue();
            OUT.printf("  previous run (%s) at %d calls/s: speed-to-lead p50 %.1f p99 %.1f ms; %s%n",
                    previous.getKey().date(), old.rate(), old.p50(), old.p99(),
                    !Double.isNaN(old.productCpuMsPerCall())
                            ? String.format("product CPU %.2f ms per call", old.productCpuMsPerCall())
                            : !Double.isNaN(old.oldCpuMsPerCall())
                            ? String.format("CPU %.1f ms per call as it was counted then (services, Kafka and the stand-in,"
                                    + " drain included, no PostgreSQL)", old.oldCpuMsPerCall())
                            : "no CPU figure");
        }
    }

    private static String processLine(CpuSplit s, double ms, ProcessStats.Result p) {
        return String.format("%3.0f%% of a core%s", s.percentOfACore(ms), p == null ? ""
                : String.format(" (JIT %.0f%% of a core over the run)  rss %d MB", p.jitPercent(), p.peakRssMb()));
    }

    static void printProfile(String name, TopFrames.Profile p) {
        OUT.printf("  profile of %s (JFR, %d execution samples in the steady window); top frames (self):%n", name,
                p.samples());
        p.self().forEach(f -> OUT.printf("    %5.1f%%  %6d  %s%n", f.share() * 100, f.samples(), f.method()));
        if (!p.ours().isEmpty()) {
            OUT.println("   our code on the stack (inclusive):");
            p.ours().forEach(f -> OUT.printf("    %5.1f%%  %6d  %s%n", f.share() * 100, f.samples(), f.method()));
        }
    }

    /** Each process's JVM flags and Java version, the load generator's (this JVM) too. */
    static Map<String, Object> jvmFlags(Map<String, Long> pids) {
        Map<String, Object> flags = new LinkedHashMap<>();
        pids.forEach((name, pid) -> JvmFlags.of(pid).ifPresent(f -> flags.put(name, f)));
        JvmFlags.of(ProcessHandle.current().pid()).ifPresent(f -> flags.put("load-generator", f));
        return flags;
    }

    private static String postgresServer(long postmaster) {
        try {
            String cmdline = new String(Files.readAllBytes(Path.of("/proc", Long.toString(postmaster), "cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ').trim();
            return cmdline + " (pid " + postmaster + ")";
        } catch (IOException gone) {
            return "pid " + postmaster;
        }
    }

    private static void printFlags(Map<String, Object> flags, String postgres) {
        OUT.println("processes measured (JVM options from /proc/<pid>/cmdline; a collector or compiler not named is the"
                + " JVM's default, G1 and C2):");
        flags.forEach((name, f) -> OUT.printf("  %-18s %s%n", name, f));
        OUT.printf("  %-18s %s%n", "postgresql", postgres);
    }

    private static void add(Map<String, List<double[]>> plot, String series, int rate, double ms) {
        plot.computeIfAbsent(series, s -> new ArrayList<>()).add(new double[] {rate, ms});
    }

    @SuppressWarnings("unchecked")
    static <V> Map<String, V> orderedMap(Object... keysAndValues) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return map;
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + (Runtime.getRuntime().maxMemory() / 1024 / 1024)
                + " MB max heap of the bench JVM, " + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + ", Java " + System.getProperty("java.version");
    }
}

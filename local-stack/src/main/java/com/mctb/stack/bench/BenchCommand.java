package com.mctb.stack.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mctb.stack.MissedCallScenario;
import com.mctb.stack.Stack;
import com.mctb.stack.StackConfig;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./mctb bench}: a fresh stack, a warm-up, then each rate for a fixed time with the reference relay after it;
 * stops climbing when a rate breaks (texts lost, webhooks failing, or speed-to-lead p99 over 5 s). Prints a table and
 * writes {@code bench.json} and {@code speed-to-lead.png} to the results directory.
 */
public final class BenchCommand {

    /**
     * Per-service settings for the benchmark: the demo account texts from one long code, whose real carrier limit
     * (1/s) would make any rate above 1 call/s a queue; the stand-in has no carrier behind it.
     */
    static final Map<String, String> BENCH_ENVIRONMENT = Map.of(
            "MESSAGING_RATE_LONG_CODE", "100000");

    private BenchCommand() {
    }

    public static int run(Path home, List<Integer> rates, int seconds, double repeatShare) throws Exception {
        Path results = home.resolve(".mctb/bench-results");
        Files.createDirectories(results);
        Stack stack = new Stack(StackConfig.fromEnvironment(home, home.resolve(".mctb/bench"), "mctb_bench").withoutConsole(), System.out)
                .withServiceEnvironment(BENCH_ENVIRONMENT);
        stack.resetRunDirectory();
        stack.resetDatabase();
        stack.up();
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, List<double[]>> plot = new LinkedHashMap<>();
        String breaksAt = null;
        try {
            MissedCallScenario scenario = new MissedCallScenario(stack.config(), stack.token(MissedCallScenario.ACCOUNT));
            scenario.setUpGlowAesthetics();
            scenario.awaitSettingsPropagated(Duration.ofSeconds(60));
            LoadRun load = new LoadRun(stack.config(), MissedCallScenario.NUMBER, scenario.holder());
            System.out.println("warm-up: 100 calls/s for 15 s");
            load.run(100, Duration.ofSeconds(15), 5_552_000_000L, 0);
            long callerBase = 5_553_000_000L;
            for (int rate : rates) {
                System.out.printf("rate %d calls/s for %d s%n", rate, seconds);
                ProcessStats stats = new ProcessStats(stack.pids());
                stats.start();
                Thread sampler = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        stats.sample();
                        try {
                            Thread.sleep(500);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                sampler.setDaemon(true);
                sampler.start();
                LoadRun.Result r = load.run(rate, Duration.ofSeconds(seconds), callerBase, repeatShare);
                sampler.interrupt();
                Map<String, ProcessStats.Result> processes = stats.stop();
                callerBase += 1_000_000L;
                Percentiles relay = RelayReference.run(stack.config().kafkaBootstrap(), rate, Duration.ofSeconds(Math.min(seconds, 15)));
                double cpuMsPerCall = ProcessStats.cpuMsPer(processes, stats.seconds(), r.calls());
                rows.add(row(r, relay, processes, cpuMsPerCall));
                print(r, relay, processes, cpuMsPerCall);
                add(plot, "speed-to-lead p50", rate, r.speedToLead().ms(0.50));
                add(plot, "speed-to-lead p99", rate, r.speedToLead().ms(0.99));
                add(plot, "two-hop relay p50", rate, relay.ms(0.50));
                add(plot, "two-hop relay p99", rate, relay.ms(0.99));
                String broken = broken(r);
                if (broken != null) {
                    breaksAt = rate + " calls/s: " + broken;
                    System.out.println("breaks at " + breaksAt);
                    break;
                }
            }
        } finally {
            stack.down();
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("measuredAt", Instant.now().toString());
        report.put("machine", machine());
        report.put("secondsPerRate", seconds);
        report.put("repeatShare", repeatShare);
        report.put("rates", rows);
        report.put("breaksAt", breaksAt);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(results.resolve("bench.json").toFile(), report);
        LatencyPlot.write(results.resolve("speed-to-lead.png"), "Speed-to-lead vs. rate (dial-complete sent → SMS request at Twilio's API)",
                plot, Map.of("speed-to-lead p50", new Color(31, 119, 180), "speed-to-lead p99", new Color(214, 39, 40),
                        "two-hop relay p50", new Color(31, 119, 180), "two-hop relay p99", new Color(214, 39, 40)));
        System.out.println("results: " + results.resolve("bench.json") + ", " + results.resolve("speed-to-lead.png"));
        return 0;
    }

    /**
     * {@code ./mctb load}: one rate against the stack {@code ./mctb up} started (set up for Glow Aesthetics on first
     * use), e.g. to watch the dashboard or profile a service while it works; prints the same figures as a bench row.
     */
    public static int load(Path home, int rate, int seconds, double repeatShare) throws Exception {
        Stack stack = new Stack(StackConfig.fromEnvironment(home, home.resolve(".mctb/stack"), "mctb"), System.out);
        MissedCallScenario scenario = new MissedCallScenario(stack.config(), stack.token(MissedCallScenario.ACCOUNT));
        try {
            scenario.setUpGlowAesthetics();
        } catch (RuntimeException alreadySetUp) {
            System.out.println("(Glow Aesthetics not set up again: " + alreadySetUp.getMessage() + ")");
        }
        scenario.awaitSettingsPropagated(Duration.ofSeconds(60));
        ProcessStats stats = new ProcessStats(stack.pids());
        stats.start();
        LoadRun.Result r = new LoadRun(stack.config(), MissedCallScenario.NUMBER, scenario.holder())
                .run(rate, Duration.ofSeconds(seconds), 5_560_000_000L + (System.currentTimeMillis() / 1000 % 100_000) * 1000,
                        repeatShare);
        Map<String, ProcessStats.Result> processes = stats.stop();
        System.out.printf("rate %d calls/s for %d s%n", rate, seconds);
        print(r, null, processes, ProcessStats.cpuMsPer(processes, stats.seconds(), r.calls()));
        return broken(r) == null ? 0 : 1;
    }

    static String broken(LoadRun.Result r) {
        if (r.lost() > 0) {
            return r.lost() + " callers got no text";
        }
        if (r.duplicates() > 0) {
            return r.duplicates() + " duplicate texts";
        }
        if (r.webhookErrors() > 0) {
            return r.webhookErrors() + " webhook requests failed";
        }
        if (r.speedToLead().ms(0.99) > 5_000) {
            return "speed-to-lead p99 " + Math.round(r.speedToLead().ms(0.99)) + " ms";
        }
        return null;
    }

    private static Map<String, Object> row(LoadRun.Result r, Percentiles relay, Map<String, ProcessStats.Result> processes,
            double cpuMsPerCall) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("rate", r.rate());
        row.put("calls", r.calls());
        row.put("textsExpected", r.textsExpected());
        row.put("textsReceived", r.textsReceived());
        row.put("duplicates", r.duplicates());
        row.put("lost", r.lost());
        row.put("webhookErrors", r.webhookErrors());
        row.put("speedToLeadMs", Map.of("p50", r.speedToLead().ms(0.5), "p95", r.speedToLead().ms(0.95),
                "p99", r.speedToLead().ms(0.99), "max", r.speedToLead().maxMs()));
        row.put("webhookMs", Map.of("p50", r.webhook().ms(0.5), "p99", r.webhook().ms(0.99)));
        row.put("relayMs", Map.of("p50", relay.ms(0.5), "p99", relay.ms(0.99)));
        row.put("ratioToRelayP50", r.speedToLead().ms(0.5) / relay.ms(0.5));
        row.put("processes", processes);
        row.put("cpuMsPerCall", cpuMsPerCall);
        return row;
    }

    /** One rate's figures; {@code relay} null when no reference relay was run ({@code ./mctb load}). */
    private static void print(LoadRun.Result r, Percentiles relay, Map<String, ProcessStats.Result> processes,
            double cpuMsPerCall) {
        System.out.printf("  calls %d, texts expected %d, received %d, duplicates %d, lost %d, webhook errors %d%n",
                r.calls(), r.textsExpected(), r.textsReceived(), r.duplicates(), r.lost(), r.webhookErrors());
        System.out.printf("  speed-to-lead ms  p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%s%n",
                r.speedToLead().ms(0.5), r.speedToLead().ms(0.95), r.speedToLead().ms(0.99), r.speedToLead().maxMs(),
                relay == null ? "" : String.format("   (two-hop relay p50 %.1f p99 %.1f; ratio p50 %.1fx)",
                        relay.ms(0.5), relay.ms(0.99), r.speedToLead().ms(0.5) / relay.ms(0.5)));
        System.out.printf("  webhook answer ms p50 %.1f  p99 %.1f%n", r.webhook().ms(0.5), r.webhook().ms(0.99));
        processes.forEach((name, p) -> System.out.printf("  %-18s cpu %5.0f%% (JIT %3.0f%%)  rss %4d MB%n", name, p.cpuPercent(),
                p.jitPercent(), p.peakRssMb()));
        System.out.printf("  all processes: %.1f ms of CPU per missed call%n", cpuMsPerCall);
    }

    private static void add(Map<String, List<double[]>> plot, String series, int rate, double ms) {
        plot.computeIfAbsent(series, s -> new ArrayList<>()).add(new double[] {rate, ms});
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + (Runtime.getRuntime().maxMemory() / 1024 / 1024)
                + " MB max heap of the bench JVM, " + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + ", Java " + System.getProperty("java.version");
    }
}

package com.mctb.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code ./mctb up | down | status | demo}. See README.md.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        Path home = Path.of(System.getProperty("mctb.home", ".")).toAbsolutePath().normalize();
        try {
            switch (command) {
                case "up" -> new Stack(StackConfig.fromEnvironment(home, home.resolve(".mctb/stack"), "mctb"), System.out).up();
                case "down" -> {
                    new Stack(StackConfig.fromEnvironment(home, home.resolve(".mctb/stack"), "mctb"), System.out).down();
                    System.out.println("mctb: stopped");
                }
                case "status" -> new Stack(StackConfig.fromEnvironment(home, home.resolve(".mctb/stack"), "mctb"), System.out)
                        .status().forEach((part, up) -> System.out.printf("  %-18s %s%n", part, up ? "running" : "stopped"));
                case "demo" -> demo(home);
                case "restart-check" -> System.exit(RestartCheck.run(home,
                        Integer.parseInt(option(args, "--rounds", "3")), Duration.ofSeconds(5)));
                case "faults" -> System.exit(com.mctb.stack.bench.FaultRun.run(home,
                        Integer.parseInt(option(args, "--rate", "25")), Integer.parseInt(option(args, "--seconds", "300"))));
                case "perf" -> {
                    int bench = com.mctb.stack.bench.BenchCommand.run(home, List.of(50, 100, 200, 1000, 2000), 30, 0.1);
                    int faults = com.mctb.stack.bench.FaultRun.run(home, 25, 300);
                    System.exit(bench != 0 ? bench : faults);
                }
                case "bench" -> System.exit(com.mctb.stack.bench.BenchCommand.run(home,
                        java.util.Arrays.stream(option(args, "--rates", "50,200,1000,2000").split(",")).map(String::trim)
                                .map(Integer::valueOf).toList(),
                        Integer.parseInt(option(args, "--seconds", "30")),
                        Double.parseDouble(option(args, "--repeat-share", "0.1"))));
                case "dashboard-shot" -> System.exit(com.mctb.stack.ops.DashboardShot.run(home,
                        Integer.parseInt(option(args, "--rate", "20")), Integer.parseInt(option(args, "--seconds", "90")),
                        home.resolve(option(args, "--out", "docs/dashboard.png"))));
                case "load" -> System.exit(com.mctb.stack.bench.BenchCommand.load(home,
                        Integer.parseInt(option(args, "--rate", "50")), Integer.parseInt(option(args, "--seconds", "30")),
                        Double.parseDouble(option(args, "--repeat-share", "0.1"))));
                case "token" -> {
                    Stack stack = new Stack(StackConfig.fromEnvironment(home, home.resolve(".mctb/stack"), "mctb"), System.out);
                    if (args.length < 2) {
                        System.err.println("usage: ./mctb token <accountId> | --admin");
                        System.exit(2);
                    }
                    System.out.println(stack.token(args[1].equals("--admin") ? null : args[1]));
                }
                default -> {
                    System.out.println("usage: ./mctb up | down | status | demo | token <accountId>|--admin | bench | faults | perf"
                            + " | dashboard-shot | build");
                    System.exit(command.equals("help") ? 0 : 2);
                }
            }
        } catch (StackException e) {
            System.err.println("mctb: " + e.getMessage());
            System.exit(1);
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /**
     * Starts a fresh stack (its own run directory and database), sets up Glow Aesthetics, lets Dana's call ring out,
     * prints the text Twilio's API received, and stops everything.
     */
    static void demo(Path home) {
        Stack stack = new Stack(StackConfig.fromEnvironment(home, home.resolve(".mctb/demo"), "mctb_demo"), System.out);
        stack.resetRunDirectory();
        stack.resetDatabase();
        long started = System.nanoTime();
        stack.up();
        try {
            MissedCallScenario scenario = new MissedCallScenario(stack.config(), stack.token(MissedCallScenario.ACCOUNT));
            System.out.println();
            System.out.println("Setting up \"" + MissedCallScenario.BUSINESS + "\" (number " + MissedCallScenario.NUMBER
                    + ", rings " + MissedCallScenario.FORWARD_TO + " for " + MissedCallScenario.TIMEOUT_SECONDS
                    + " s) and the contact Dana (" + MissedCallScenario.DANA + ")");
            scenario.setUpGlowAesthetics();
            scenario.awaitSettingsPropagated(Duration.ofSeconds(30));

            String callSid = MissedCallScenario.newCallSid();
            System.out.println("Dana calls " + MissedCallScenario.NUMBER + " (CallSid " + callSid + ")");
            String dial = scenario.incomingCall(callSid, MissedCallScenario.DANA).body();
            System.out.println("  gateway answers: " + dial);
            System.out.println("Nobody picks up within " + MissedCallScenario.TIMEOUT_SECONDS + " s: Twilio reports no-answer");
            long missedAt = epochNanos();
            String voicemail = scenario.dialComplete(callSid, MissedCallScenario.DANA, "no-answer").body();
            System.out.println("  gateway answers: " + voicemail);

            List<MissedCallScenario.Text> texts = scenario.awaitTexts(MissedCallScenario.DANA, 1, Duration.ofSeconds(30));
            if (texts.isEmpty()) {
                throw new StackException("no text reached Twilio's API within 30 s; see the services' logs in "
                        + stack.config().logs());
            }
            MissedCallScenario.Text text = texts.get(0);
            System.out.println();
            System.out.println("Twilio's Messages API received, " + (text.receivedAtEpochNanos() - missedAt) / 1_000_000
                    + " ms after the missed call was reported:");
            System.out.println("  From: " + text.from());
            System.out.println("  To:   " + text.to());
            System.out.println("  Body: " + text.body());
            System.out.println();
        } finally {
            stack.down();
            System.out.printf("mctb: demo finished in %.0f s%n", (System.nanoTime() - started) / 1e9);
        }
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}

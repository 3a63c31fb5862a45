package com.mctb.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./mctb}: the whole product on this machine, and its benchmark and fault runs. See README.md. Every command
 * has {@code --help}; an option it does not know, or a value out of range, is an error (exit 2), not ignored.
 */
@Command(name = "mctb", mixinStandardHelpOptions = true, version = "mctb 0.1.0",
        description = "The whole product on this machine, without Docker.",
        subcommands = {Main.Up.class, Main.Down.class, Main.Status.class, Main.Demo.class, Main.Token.class,
            Main.Bench.class, Main.Load.class, Main.Faults.class, Main.Perf.class, Main.DashboardShot.class,
            Main.Soak.class, Main.Dlq.class, Main.RestartCheckCommand.class},
        footer = {"", "./mctb build (re)builds the services and the launcher (the script runs it before a command that"
                + " needs a build)."})
public final class Main implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, with a launcher failure printed as one line (exit 1) rather than a stack trace. */
    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new Main());
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof StackException) {
                cmd.getErr().println("mctb: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return line;
    }

    /** {@code ./mctb} alone: the commands. */
    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static Path home() {
        return Path.of(System.getProperty("mctb.home", ".")).toAbsolutePath().normalize();
    }

    static Stack localStack() {
        Path home = home();
        return new Stack(StackConfig.fromEnvironment(home, home.resolve(".mctb/stack"), "mctb"), System.out);
    }

    /** {@code --brokers}: how many Kafka nodes, 1 to {@link KafkaCluster#MAX_NODES}. */
    static int brokers(CommandSpec spec, int value) {
        if (value < 1 || value > KafkaCluster.MAX_NODES) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--brokers is 1 (one Kafka node) to " + KafkaCluster.MAX_NODES + ", not " + value);
        }
        return value;
    }

    /** What {@code --brokers} says, for every command that starts a stack. */
    static final String BROKERS_HELP = "Kafka nodes: 1, or a KRaft cluster on loopback (3: topics replicated 3 with"
            + " min.insync.replicas 2; MCTB_KAFKA_REPLICATION_FACTOR and MCTB_KAFKA_MIN_INSYNC_REPLICAS override)"
            + " (default: ${DEFAULT-VALUE}).";

    static int positive(CommandSpec spec, String option, int value) {
        if (value <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be positive, not " + value);
        }
        return value;
    }

    static double share(CommandSpec spec, String option, double value) {
        if (value < 0 || value >= 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    option + " is a share of the calls, from 0 up to (not including) 1, not " + value);
        }
        return value;
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Starts the stack and leaves it running (gateway 8080, settings 8081, workflow 8082,"
                    + " messaging 8083, web console 8084, Twilio stand-in 8089).")
    static final class Up implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--brokers", defaultValue = "1", description = BROKERS_HELP)
        int brokers;

        @Option(names = "--fresh", description = "Start from nothing: drops the database mctb and deletes .mctb/stack"
                + " (Kafka's data, logs, the Twilio stand-in's accounts and numbers) first. Only while the stack is down.")
        boolean fresh;

        @Override
        public void run() {
            Path home = home();
            StackConfig config = StackConfig.fromEnvironment(home, home.resolve(".mctb/stack"), "mctb")
                    .withKafkaBrokers(brokers(spec, brokers));
            Stack stack = new Stack(config, System.out);
            if (fresh) {
                if (stack.status().containsValue(true)) {
                    throw new StackException("the stack is running; ./mctb down first, then ./mctb up --fresh");
                }
                stack.resetRunDirectory();
                stack.resetDatabase();
            }
            stack.up();
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true, description = "Stops the stack.")
    static final class Down implements Runnable {
        @Override
        public void run() {
            localStack().down();
            System.out.println("mctb: stopped");
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "What is running.")
    static final class Status implements Runnable {
        @Override
        public void run() {
            localStack().status().forEach((part, up) -> System.out.printf("  %-18s %s%n", part, up ? "running" : "stopped"));
        }
    }

    @Command(name = "demo", mixinStandardHelpOptions = true,
            description = "Starts a fresh stack, lets Dana's call ring out, prints the text Twilio's API received, stops.")
    static final class Demo implements Runnable {
        @Override
        public void run() {
            demo(home());
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Prints a 12-hour token of the local issuer: for one account, or an operator's (--admin).")
    static final class Token implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "ACCOUNT_ID", description = "The account the token is for.")
        String accountId;

        @Option(names = "--admin", description = "An operator's token (group admin), for every account.")
        boolean admin;

        @Override
        public void run() {
            if (admin == (accountId != null)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give an ACCOUNT_ID or --admin (one of them)");
            }
            System.out.println(localStack().token(admin ? null : accountId));
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = {"The benchmark: a fresh stack, a warm-up, then missed calls at each rate: texts, speed-to-lead,"
                    + " webhook answers, and the CPU per missed call over the steady window (while calls are sent),"
                    + " split into the product (our services, Kafka, PostgreSQL) and, apart from it, the Twilio"
                    + " stand-in and the load generator; the drain after the last call on its own; the JVM flags of"
                    + " every process. Writes .mctb/bench-results/bench.json and speed-to-lead.png (this run against the"
                    + " previous one). Stops climbing at the first rate that breaks unless --keep-going.",
                "A rate breaks when a text is lost or sent twice, a webhook is not answered 200 within 15 s, or"
                    + " speed-to-lead p99 is over 5 s; it is still reported in full."})
    static final class Bench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--rates", split = ",", paramLabel = "CALLS_PER_SECOND", defaultValue = "50,200,1000,2000",
                description = "Missed calls per second, one run each, comma-separated (default: ${DEFAULT-VALUE}).")
        List<Integer> rates;

        @Option(names = "--seconds", defaultValue = "30", description = "Length of each run (default: ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--repeat-share", defaultValue = "0.1",
                description = "Share of calls from a caller who already called (default: ${DEFAULT-VALUE}).")
        double repeatShare;

        @Option(names = "--keep-going", description = "Run every rate even after one broke (e.g. a row at twice the"
                + " sustained rate, to show overload).")
        boolean keepGoing;

        @Option(names = "--profile", split = ",", paramLabel = "PROCESS", description = "Record these with JFR during"
                + " each rate and print their top " + com.mctb.stack.bench.BenchCommand.TOP + " frames by execution"
                + " samples in the steady window: gateway, settings, workflow, messaging, kafka, stand-in (or their"
                + " process names), comma-separated. Their CPU figures then include JFR's cost.")
        List<String> profile;

        @Option(names = "--compare", paramLabel = "FILE", description = "An earlier bench.json to draw beside this run"
                + " (default: the last .mctb/bench-results/bench.json, else docs/perf/bench.json, if there is one).")
        Path compare;

        @Option(names = "--no-compare", description = "Draw this run alone.")
        boolean noCompare;

        @Option(names = "--brokers", defaultValue = "1", description = BROKERS_HELP)
        int brokers;

        @Option(names = "--warm-up", paramLabel = "SECONDS", defaultValue = ""
                + com.mctb.stack.bench.BenchCommand.DEFAULT_WARM_UP_SECONDS, description = "How long the warm-up at "
                + com.mctb.stack.bench.BenchCommand.WARM_UP_RATE + " calls/s runs before the first rate, so the"
                + " services' JIT has compiled the path (default: ${DEFAULT-VALUE}).")
        int warmUp;

        @Override
        public Integer call() throws Exception {
            rates.forEach(rate -> positive(spec, "--rates", rate));
            if (compare != null && noCompare) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--compare and --no-compare: one of them");
            }
            if (compare != null && !java.nio.file.Files.isRegularFile(home().resolve(compare))) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--compare " + compare + ": no such file");
            }
            List<String> processes = new java.util.ArrayList<>();
            for (String name : profile == null ? List.<String>of() : profile) {
                processes.add(com.mctb.stack.bench.BenchCommand.profileTarget(name).orElseThrow(() ->
                        new CommandLine.ParameterException(spec.commandLine(), "--profile " + name + ": not a process of"
                                + " the bench (gateway, settings, workflow, messaging, kafka, stand-in)")));
            }
            return com.mctb.stack.bench.BenchCommand.run(home(), new com.mctb.stack.bench.BenchCommand.Options(rates,
                    positive(spec, "--seconds", seconds), share(spec, "--repeat-share", repeatShare), keepGoing,
                    compare, noCompare, List.copyOf(processes), brokers(spec, brokers), positive(spec, "--warm-up", warmUp)));
        }
    }

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "One rate of missed calls against a stack that ./mctb up started (to watch the dashboard"
                    + " or profile a service).")
    static final class Load implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--rate", defaultValue = "50", description = "Missed calls per second (default: ${DEFAULT-VALUE}).")
        int rate;

        @Option(names = "--seconds", defaultValue = "30", description = "How long (default: ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--repeat-share", defaultValue = "0.1",
                description = "Share of calls from a caller who already called (default: ${DEFAULT-VALUE}).")
        double repeatShare;

        @Override
        public Integer call() throws Exception {
            return com.mctb.stack.bench.BenchCommand.load(home(), positive(spec, "--rate", rate),
                    positive(spec, "--seconds", seconds), share(spec, "--repeat-share", repeatShare));
        }
    }

    @Command(name = "faults", mixinStandardHelpOptions = true,
            description = {"The fault run: load while services, Kafka and PostgreSQL are killed and restarted and"
                    + " Twilio fails; exits 1 unless every eligible caller got exactly one text, none twice, the usage"
                    + " ledger equals what Twilio took, nothing lags or is stuck and every DLQ is empty. Restarts the"
                    + " local PostgreSQL.",
                "With --brokers 3 it also kills -9 the broker leading calls.missed, and later the one leading"
                    + " sms.commands, and starts each again. Twilio answers a share of sends 502 after taking them"
                    + " and stalls half as many past the services' read timeout (5 s in this run)."})
    static final class Faults implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--rate", defaultValue = "25", description = "Missed calls per second (default: ${DEFAULT-VALUE}).")
        int rate;

        @Option(names = "--seconds", defaultValue = "300", description = "How long (default: ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--brokers", defaultValue = "1", description = BROKERS_HELP)
        int brokers;

        @Option(names = "--ambiguous-share", defaultValue = "0.1", description = "Share of Twilio sends answered 502"
                + " after the message was taken, for 15%% of the run; half as many are stalled past the read timeout."
                + " 0 leaves them out (default: ${DEFAULT-VALUE}).")
        double ambiguousShare;

        @Override
        public Integer call() throws Exception {
            return com.mctb.stack.bench.FaultRun.run(home(), new com.mctb.stack.bench.FaultRun.Options(
                    positive(spec, "--rate", rate), positive(spec, "--seconds", seconds), brokers(spec, brokers),
                    share(spec, "--ambiguous-share", ambiguousShare)));
        }
    }

    @Command(name = "soak", mixinStandardHelpOptions = true,
            description = {"A fresh stack under a steady rate of missed calls for --minutes, sampled idle, then"
                    + " --samples times: each process's RSS, each service's heap after a full GC (jcmd GC.run),"
                    + " PostgreSQL connections of its database, connections into the Kafka brokers, and every table of"
                    + " the services (rows, pg_total_relation_size). Prints start / middle / end of each and whether it"
                    + " still grew in the second half; writes .mctb/soak-results/soak.json.",
                "Exits 1 if a text is lost or doubled, or memory, a connection count or an outbox still grows;"
                    + " kept rows (inbox, journal, messages) are reported with their growth."})
    static final class Soak implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--rate", defaultValue = "50", description = "Missed calls per second (default: ${DEFAULT-VALUE}).")
        int rate;

        @Option(names = "--minutes", defaultValue = "30", description = "How long (default: ${DEFAULT-VALUE}).")
        int minutes;

        @Option(names = "--samples", defaultValue = "11", description = "Samplings under load, the last after the"
                + " load drained; at least 3 (default: ${DEFAULT-VALUE}).")
        int samples;

        @Option(names = "--brokers", defaultValue = "1", description = BROKERS_HELP)
        int brokers;

        @Override
        public Integer call() throws Exception {
            if (samples < 3) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--samples must be at least 3 (start, middle, end), not " + samples);
            }
            return com.mctb.stack.bench.SoakRun.run(home(), new com.mctb.stack.bench.SoakRun.Options(
                    positive(spec, "--rate", rate), positive(spec, "--minutes", minutes), brokers(spec, brokers),
                    samples));
        }
    }

    @Command(name = "restart-check", mixinStandardHelpOptions = true,
            description = "A fresh stack, then down and up again (same Kafka data and database) --rounds times; after each"
                    + " up, times a missed call from 'ready' to its text at Twilio's API. Exits 1 if one took over 5 s.")
    static final class RestartCheckCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--rounds", defaultValue = "3", description = "Restarts (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Override
        public Integer call() {
            return RestartCheck.run(home(), positive(spec, "--rounds", rounds), Duration.ofSeconds(5));
        }
    }

    @Command(name = "perf", mixinStandardHelpOptions = true,
            description = "The benchmark (50 to 2,000 calls/s), then the fault run at 25 calls/s; about 13 minutes.")
    static final class Perf implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            int bench = com.mctb.stack.bench.BenchCommand.run(home(),
                    com.mctb.stack.bench.BenchCommand.Options.of(List.of(50, 100, 200, 1000, 2000), 30, 0.1));
            int faults = com.mctb.stack.bench.FaultRun.run(home(), 25, 300);
            return bench != 0 ? bench : faults;
        }
    }

    @Command(name = "dashboard-shot", mixinStandardHelpOptions = true,
            description = "Plays traffic with Prometheus scraping and renders the Grafana dashboard's panels to a PNG"
                    + " (needs prometheus on the PATH).")
    static final class DashboardShot implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--rate", defaultValue = "20", description = "Missed calls per second (default: ${DEFAULT-VALUE}).")
        int rate;

        @Option(names = "--seconds", defaultValue = "90", description = "How long (default: ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--out", defaultValue = "docs/dashboard.png",
                description = "Where the picture goes, from the repository (default: ${DEFAULT-VALUE}).")
        Path out;

        @Override
        public Integer call() {
            return com.mctb.stack.ops.DashboardShot.run(home(), positive(spec, "--rate", rate),
                    positive(spec, "--seconds", seconds), home().resolve(out));
        }
    }

    @Command(name = "dlq", mixinStandardHelpOptions = true,
            description = "Dead letters: list a topic's with why each is there, show one, replay chosen ones onto the"
                    + " topic they came from (refused, nothing written, if one no longer fits its event's schema).",
            subcommands = {DlqList.class, DlqShow.class, DlqReplay.class})
    static final class Dlq implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(System.out);
        }
    }

    /** What every dlq command takes: the topic and the broker. */
    static final class DlqTarget {
        @Option(names = "--topic", required = true, paramLabel = "TOPIC",
                description = "The source topic (calls.missed) or its dead-letter topic (calls.missed.dlq).")
        String topic;

        @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
                description = "The broker (default: KAFKA_BOOTSTRAP_SERVERS, else the local stack's 127.0.0.1:KAFKA_PORT,"
                        + " 9092).")
        String bootstrapServer;

        com.mctb.stack.ops.DeadLetterTool tool(CommandSpec spec) {
            String broker = bootstrapServer != null ? bootstrapServer : System.getenv("KAFKA_BOOTSTRAP_SERVERS");
            if (broker == null || broker.isBlank()) {
                String port = System.getenv("KAFKA_PORT");
                broker = "127.0.0.1:" + (port == null || port.isBlank() ? "9092" : port);
            }
            return new com.mctb.stack.ops.DeadLetterTool(broker, spec.commandLine().getOut());
        }
    }

    /** {@code --since}: an instant (2026-11-28T14:00:00Z) or how long ago (30m, 2h, 1d, PT90M). */
    static Instant since(CommandSpec spec, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (java.time.format.DateTimeParseException notAnInstant) {
            try {
                String v = value.trim().toLowerCase(java.util.Locale.ROOT);
                Duration ago = v.startsWith("p") ? Duration.parse(v.toUpperCase(java.util.Locale.ROOT))
                        : v.endsWith("d") ? Duration.ofDays(Long.parseLong(v.substring(0, v.length() - 1)))
                        : Duration.parse("PT" + v.toUpperCase(java.util.Locale.ROOT));
                return Instant.now().minus(ago);
            } catch (RuntimeException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--since is an instant"
                        + " (2026-11-28T14:00:00Z) or how long ago (30m, 2h, 1d), not " + value);
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "A topic's dead letters: offset, time, key, event type, consumer, error (and schema error).")
    static final class DlqList implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        DlqTarget target = new DlqTarget();

        @Option(names = "--since", paramLabel = "WHEN", description = "Only those dead-lettered since then:"
                + " an instant (2026-11-28T14:00:00Z) or how long ago (30m, 2h, 1d).")
        String since;

        @Option(names = "--offset", paramLabel = "OFFSET", description = "Only those from this offset on.")
        Long offset;

        @Override
        public Integer call() {
            return target.tool(spec).list(target.topic, new com.mctb.stack.ops.DeadLetterTool.From(since(spec, since), offset));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One dead letter: every header and the value.")
    static final class DlqShow implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        DlqTarget target = new DlqTarget();

        @Option(names = "--offset", required = true, paramLabel = "OFFSET", description = "Which one.")
        long offset;

        @Option(names = "--partition", defaultValue = "0", description = "Its partition (default: ${DEFAULT-VALUE}).")
        int partition;

        @Override
        public Integer call() {
            return target.tool(spec).show(target.topic, partition, offset);
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Writes chosen dead letters back onto the topic they came from (the consumers' inboxes drop"
                    + " an event already handled). Every one is checked against its event's schema first; if one does"
                    + " not fit, nothing is written (exit 1).")
    static final class DlqReplay implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        DlqTarget target = new DlqTarget();

        @Option(names = "--offset", split = ",", paramLabel = "OFFSET", description = "The dead letters to replay"
                + " (repeat the option, or comma-separated).")
        List<Long> offsets;

        @Option(names = "--partition", defaultValue = "0", description = "Their partition (default: ${DEFAULT-VALUE}).")
        int partition;

        @Option(names = "--since", paramLabel = "WHEN", description = "Every dead letter since then instead.")
        String since;

        @Option(names = "--all", description = "Every dead letter of the topic instead.")
        boolean all;

        @Override
        public Integer call() {
            int ways = (offsets != null && !offsets.isEmpty() ? 1 : 0) + (since != null ? 1 : 0) + (all ? 1 : 0);
            if (ways != 1) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "say which dead letters: --offset, --since or --all (one of them)");
            }
            var from = all ? com.mctb.stack.ops.DeadLetterTool.From.BEGINNING
                    : new com.mctb.stack.ops.DeadLetterTool.From(since(spec, since), null);
            return target.tool(spec).replay(target.topic, partition, offsets == null ? List.of() : offsets, from);
        }
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
            System.out.println("  " + MissedCallScenario.NUMBER + " bought through settings-service (POST /api/accounts/"
                    + MissedCallScenario.ACCOUNT + "/numbers) into Twilio subaccount " + scenario.holder().sid()
                    + " and configured there");
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

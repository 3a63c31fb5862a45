package com.mctb.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ./mctb}'s command line: help is help, and what it does not know is refused before anything runs. */
class MainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int mctb(String... args) {
        CommandLine line = Main.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    @Test
    void everyCommandHasHelpAndHelpRunsNothing() {
        for (String command : new String[] {"up", "down", "status", "demo", "token", "bench", "load", "faults", "perf",
            "dashboard-shot", "soak", "dlq", "dlq list", "dlq show", "dlq replay"}) {
            String[] words = (command + " --help").split(" ");
            assertThat(mctb(words)).as(command).isZero();
            assertThat(out.toString()).contains("Usage: mctb " + command);
        }
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void brokersAndSoakOptionsAreCheckedBeforeAnythingStarts() {
        assertThat(mctb("up", "--brokers", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--brokers is 1 (one Kafka node) to 5, not 0");
        assertThat(mctb("faults", "--brokers", "9")).isEqualTo(2);
        assertThat(mctb("faults", "--ambiguous-share", "1.5")).isEqualTo(2);
        assertThat(mctb("soak", "--samples", "2")).isEqualTo(2);
        assertThat(err.toString()).contains("--samples must be at least 3");
        assertThat(mctb("soak", "--minutes", "0")).isEqualTo(2);
        assertThat(mctb("soak", "--rate", "-5")).isEqualTo(2);
        assertThat(mctb("up", "--brokers", "3", "--help")).isZero();
        assertThat(out.toString()).contains("--brokers").contains("min.insync.replicas 2");
        assertThat(mctb("up", "--fresh", "--help")).isZero();
        assertThat(out.toString()).contains("--fresh").contains("drops the database mctb");
    }

    @Test
    void anUnknownOptionOrCommandIsAnError() {
        assertThat(mctb("bench", "--rate", "50")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option").contains("'--rate'");
        assertThat(mctb("frob")).isEqualTo(2);
        assertThat(err.toString()).contains("Unmatched argument at index 0: 'frob'");
    }

    @Test
    void benchHelpNamesItsOptionsAndRunsNothing() {
        assertThat(mctb("bench", "--rates", "50", "--keep-going", "--profile", "gateway", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: mctb bench").contains("--keep-going").contains("--profile")
                .contains("--compare").contains("--no-compare").contains("--warm-up").contains("steady window");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void benchRefusesWhatItCannotProfileOrCompareBeforeStartingAnything() {
        assertThat(mctb("bench", "--profile", "gateway,postgres")).isEqualTo(2);
        assertThat(err.toString()).contains("--profile postgres: not a process of the bench");
        assertThat(mctb("bench", "--compare", "no/such/bench.json")).isEqualTo(2);
        assertThat(err.toString()).contains("--compare no/such/bench.json: no such file");
        assertThat(mctb("bench", "--compare", "pom.xml", "--no-compare")).isEqualTo(2);
        assertThat(err.toString()).contains("--compare and --no-compare: one of them");
        assertThat(mctb("bench", "--keep-going=maybe")).isEqualTo(2);
    }

    @Test
    void valuesOutOfRangeAreRefusedWithTheReason() {
        assertThat(mctb("load", "--rate", "-3")).isEqualTo(2);
        assertThat(err.toString()).contains("--rate must be positive, not -3");
        assertThat(mctb("bench", "--rates", "50,0")).isEqualTo(2);
        assertThat(err.toString()).contains("--rates must be positive, not 0");
        assertThat(mctb("bench", "--repeat-share", "1.5")).isEqualTo(2);
        assertThat(err.toString()).contains("--repeat-share is a share of the calls");
        assertThat(mctb("bench", "--warm-up", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--warm-up must be positive, not 0");
        assertThat(mctb("faults", "--seconds", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--seconds'");
        assertThat(mctb("token")).isEqualTo(2);
        assertThat(err.toString()).contains("give an ACCOUNT_ID or --admin");
        assertThat(mctb("dlq", "list")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--topic=TOPIC'");
        assertThat(mctb("dlq", "replay", "--topic", "calls.missed")).isEqualTo(2);
        assertThat(err.toString()).contains("say which dead letters: --offset, --since or --all");
        assertThat(mctb("dlq", "replay", "--topic", "calls.missed", "--all", "--offset", "3")).isEqualTo(2);
        assertThat(mctb("dlq", "list", "--topic", "calls.missed", "--since", "last tuesday")).isEqualTo(2);
        assertThat(err.toString()).contains("--since is an instant (2026-11-28T14:00:00Z) or how long ago");
    }
}

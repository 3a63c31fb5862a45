package com.mctb.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code ./mctb restart-check}: how soon a restarted stack handles a call. Starts a fresh stack, sets up Glow
 * Aesthetics, texts one missed call (everything works), then {@code down} and {@code up} on the same Kafka data and
 * database, exactly as {@code ./mctb down; ./mctb up} do, and places a missed call the moment {@code up} reports
 * ready: prints the time from ready to the text reaching Twilio's API. Repeats the restart {@code --rounds} times.
 */
public final class RestartCheck {

    private RestartCheck() {
    }

    /** @return 0 when every round's call was texted within {@code limit} of ready, else 1 */
    public static int run(Path home, int rounds, Duration limit) {
        Stack stack = new Stack(StackConfig.fromEnvironment(home, home.resolve(".mctb/restart-check"), "mctb_restart"),
                System.out);
        stack.down();
        stack.resetRunDirectory();
        stack.resetDatabase();
        stack.up();
        int failed = 0;
        try {
            MissedCallScenario scenario = new MissedCallScenario(stack.config(), stack.token(MissedCallScenario.ACCOUNT));
            scenario.setUpGlowAesthetics();
            scenario.awaitSettingsPropagated(Duration.ofSeconds(60));
            long first = callAndAwaitText(scenario, "+1555987" + "0000", Duration.ofSeconds(60));
            System.out.printf("restart-check: fresh stack: a missed call texted %d ms after dial-complete%n", first);
            for (int round = 1; round <= rounds; round++) {
                stack.down();
                long t0 = System.nanoTime();
                stack.up();
                long ready = System.nanoTime();
                String caller = String.format("+1555987%04d", round);
                long sinceMissed = callAndAwaitText(scenario, caller, Duration.ofSeconds(120));
                long sinceReady = (System.nanoTime() - ready) / 1_000_000;
                System.out.printf("restart-check: round %d: up took %.1f s; the first missed call after ready was "
                                + "texted %d ms after ready (%d ms after its dial-complete)%n", round,
                        (ready - t0) / 1e9, sinceReady, sinceMissed);
                if (sinceMissed < 0 || sinceReady > limit.toMillis()) {
                    failed++;
                }
            }
        } finally {
            stack.down();
        }
        System.out.println("restart-check: " + (failed == 0 ? "passed" : failed + " round(s) over " + limit.toSeconds()
                + " s") + " at " + Instant.now());
        return failed == 0 ? 0 : 1;
    }

    /** A missed call from {@code caller}; ms from its dial-complete to the text at the stand-in, -1 if none came. */
    private static long callAndAwaitText(MissedCallScenario scenario, String caller, Duration wait) {
        String callSid = MissedCallScenario.newCallSid();
        scenario.incomingCall(callSid, caller);
        long missed = System.nanoTime();
        scenario.dialComplete(callSid, caller, "no-answer");
        List<MissedCallScenario.Text> texts = scenario.awaitTexts(caller, 1, wait);
        return texts.isEmpty() ? -1 : (System.nanoTime() - missed) / 1_000_000;
    }
}

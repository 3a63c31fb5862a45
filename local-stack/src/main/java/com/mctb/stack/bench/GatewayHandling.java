package com.mctb.stack.bench;

import com.mctb.stack.ops.ExportedMetrics;

/**
 * The gateway's own time handling Twilio's voice webhooks: its {@code http_server_requests_seconds} timer for the
 * {@code /twilio/voice/*} endpoints, read from its {@code /q/metrics} before and after a rate. The load generator's
 * answer times are what a caller's Twilio would see, but on this saturated box they also hold the load generator's own
 * waits for the CPU: in one run at 500 calls/s the gateway's mean was 93 ms (incoming) and 140 ms (dial-complete)
 * while the load generator's p50 was 779 ms. Both are reported; neither replaces the other.
 */
final class GatewayHandling {

    private static final String TIMER = "http_server_requests_seconds";
    private static final String VOICE = "uri=\"/twilio/voice/";

    private GatewayHandling() {
    }

    /** The voice endpoints' timer, summed over them: requests, seconds spent, and the largest recent one. */
    record Snapshot(long requests, double seconds, double maxSeconds) {

        static final Snapshot NONE = new Snapshot(0, 0, 0);
    }

    /** What the gateway reported between two snapshots. */
    record Window(long requests, double meanMs, double maxMs) {

        static Window between(Snapshot before, Snapshot after) {
            long requests = after.requests() - before.requests();
            return new Window(requests, requests <= 0 ? Double.NaN
                    : (after.seconds() - before.seconds()) / requests * 1000, after.maxSeconds() * 1000);
        }
    }

    /** Scrapes the gateway; {@link Snapshot#NONE} when it cannot be read (the figure is then left out, not guessed). */
    static Snapshot read(String gatewayUrl) {
        try {
            return parse(ExportedMetrics.exposition(gatewayUrl));
        } catch (IllegalStateException unreadable) {
            return Snapshot.NONE;
        }
    }

    /**
     * The voice endpoints' samples of the timer in one scrape (Prometheus text format). The max is Micrometer's: the
     * largest request of its last two minutes or so, not of the whole run.
     */
    static Snapshot parse(String exposition) {
        long requests = 0;
        double seconds = 0;
        double max = 0;
        for (String line : exposition.split("\n")) {
            if (!line.startsWith(TIMER) || !line.contains(VOICE)) {
                continue;
            }
            double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            String sample = line.substring(TIMER.length(), line.indexOf('{'));
            switch (sample) {
                case "_count" -> requests += (long) value;
                case "_sum" -> seconds += value;
                case "_max" -> max = Math.max(max, value);
                default -> {
                }
            }
        }
        return new Snapshot(requests, seconds, max);
    }
}

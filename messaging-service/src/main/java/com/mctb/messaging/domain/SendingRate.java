package com.mctb.messaging.domain;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The per-sending-number rate limit, as reservations: each text asks when its number may next send and is scheduled
 * for that moment, so a burst queues at the number's rate instead of being refused by Twilio (or the carrier).
 * <p>
 * It is the generic cell rate algorithm (a token bucket kept as one "theoretical arrival time" per number). Written
 * here because what the libraries offer does not fit: SmallRye Fault Tolerance's {@code @RateLimit} refuses calls over
 * the rate instead of queueing them and has no key, and a blocking limiter (Guava, Resilience4j) would park a sender
 * thread per waiting text; a reservation lets a scheduler hold the wait without a thread.
 */
public final class SendingRate {

    private final ConcurrentHashMap<String, Long> nextFree = new ConcurrentHashMap<>();

    /**
     * Reserves the next slot of {@code sender} and returns how long to wait for it (0: send now).
     *
     * @param perSecond texts per second the number may send
     * @param burst     how many may go at once before the rate applies (at least 1)
     * @param nowNanos  the caller's monotonic clock ({@link System#nanoTime()})
     */
    public long reserve(String sender, double perSecond, int burst, long nowNanos) {
        if (perSecond <= 0 || Double.isInfinite(perSecond)) {
            return 0;
        }
        long interval = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
        long tolerance = interval * (Math.max(1, burst) - 1);
        long[] wait = new long[1];
        nextFree.compute(sender, (key, theoretical) -> {
            long tat = theoretical == null || theoretical - nowNanos < 0 ? nowNanos : theoretical;
            long allowedAt = Math.max(nowNanos, tat - tolerance);
            wait[0] = allowedAt - nowNanos;
            return tat + interval;
        });
        return wait[0];
    }

    /** Forgets numbers that have been idle, so the map holds only numbers sending now. */
    public void forgetIdle(long nowNanos) {
        nextFree.values().removeIf(tat -> tat - nowNanos < 0);
    }
}

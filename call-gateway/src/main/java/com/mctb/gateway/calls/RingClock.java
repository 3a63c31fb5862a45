package com.mctb.gateway.calls;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * When each call started ringing the forward-to targets, in memory, so the dial callback can say how long it rang
 * (Twilio's callback says so only for answered calls). Best effort: a callback that lands on another replica, or
 * after a restart, reports no ring time.
 */
@ApplicationScoped
public class RingClock {

    private static final long FORGET_AFTER_NANOS = TimeUnit.MINUTES.toNanos(15);

    private final Map<String, Long> startedAt = new ConcurrentHashMap<>();

    public void started(String callSid) {
        startedAt.putIfAbsent(callSid, System.nanoTime());
    }

    /** Whole seconds since the call started ringing, if this instance saw it start. */
    public Integer secondsSince(String callSid) {
        Long start = startedAt.remove(callSid);
        return start == null ? null : (int) TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    }

    @Scheduled(every = "1m")
    void forgetOldCalls() {
        long now = System.nanoTime();
        startedAt.values().removeIf(start -> now - start > FORGET_AFTER_NANOS);
    }
}

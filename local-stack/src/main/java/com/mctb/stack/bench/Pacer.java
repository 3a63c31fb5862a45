package com.mctb.stack.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * A fixed-rate schedule for an open-loop sender: tick {@code i} is due {@code i / perSecond} seconds after the
 * start, and {@link #awaitTick} parks the thread until then ({@link LockSupport#parkNanos}), without spinning, so the
 * sender costs the machine only what it sends. A late tick is not waited for (the schedule catches up, it does not
 * shift), so the offered rate stays the rate asked for as long as the sender keeps up.
 */
public final class Pacer {

    private final long start;
    private final long intervalNanos;

    public Pacer(int perSecond) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("perSecond must be positive, not " + perSecond);
        }
        this.intervalNanos = 1_000_000_000L / perSecond;
        this.start = System.nanoTime();
    }

    /** Parks until tick {@code i} is due; returns at once if it is already. */
    public void awaitTick(long i) {
        long due = start + i * intervalNanos;
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }

    /** When the schedule started ({@link System#nanoTime}). */
    public long start() {
        return start;
    }
}

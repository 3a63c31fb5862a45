package com.mctb.kit.outbox;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When the relay vacuums its outbox. An outbox is a queue: each row lives for a few milliseconds, so its table is
 * nearly all dead rows, and only a vacuum lets new rows reuse their space (PostgreSQL's free-space map is filled by
 * vacuum alone). Left to the server, that depends on autovacuum, which may be off (this machine's PostgreSQL runs
 * with {@code autovacuum = off}) or slow to visit: a 30-minute soak at 50 calls/s grew messaging's empty outbox
 * 5.5 → 33 MB with 125,580 dead rows and no vacuum. So the relay that leads vacuums its own table at most once per
 * {@code mctb.outbox.vacuum-every}, when it deleted rows since the last one; on a server whose autovacuum does visit
 * it, one more vacuum of a small table costs a few milliseconds a minute. Zero turns it off.
 */
final class OutboxVacuum {

    private final long everyNanos;
    private final LongSupplier clock;
    private long deletedSince;
    private long lastNanos;

    OutboxVacuum(Duration every, LongSupplier nanoClock) {
        this.everyNanos = every.toNanos();
        this.clock = nanoClock;
        this.lastNanos = nanoClock.getAsLong();
    }

    /** The relay deleted this many relayed rows. */
    void deleted(long rows) {
        deletedSince += rows;
    }

    /** True when a vacuum is due now; the caller vacuums, then calls {@link #done()}. */
    boolean due() {
        return everyNanos > 0 && deletedSince > 0 && clock.getAsLong() - lastNanos >= everyNanos;
    }

    /** A vacuum ran (or failed: it is tried again a period later, not at once). */
    void done() {
        deletedSince = 0;
        lastNanos = clock.getAsLong();
    }
}

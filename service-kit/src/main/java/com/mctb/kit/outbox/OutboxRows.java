package com.mctb.kit.outbox;

import java.util.Collection;
import java.util.List;

/**
 * The outbox table as the relay uses it, in short statements committed at once (no transaction is held while Kafka
 * acknowledges). {@link JdbcOutboxRows} is the real one.
 */
interface OutboxRows {

    /**
     * Becomes the one relay of this schema (other replicas' relays skip until it lets go); false if another has it.
     */
    boolean lead();

    /** Lets another replica's relay lead. */
    void release();

    /** Up to {@code limit} rows in id order, leaving out the ids in {@code inFlight} (sent, not yet acknowledged). */
    List<OutboxRow> oldest(Collection<Long> inFlight, int limit);

    /**
     * Deletes rows the broker acknowledged: at once, or with the term's next statement (a read leaves them out in any
     * case, and letting go deletes them first).
     */
    void delete(Collection<Long> ids);
}

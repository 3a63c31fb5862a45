package com.mctb.kit.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;

/**
 * The idempotent inbox: a consumer records each event id it handles in the same transaction as the handling,
 * so a redelivered or republished event finds its row and is skipped. Only for effects without a unique key of their
 * own (see {@link com.mctb.kit.kafka.RecordBatchProcessor#processKeyedByEffect}); its rows are needed only while a
 * repeat can still come (a redelivery after a rebalance, a relay's resend after a restart), so a service prunes
 * them ({@link #prune}) on a schedule.
 */
@ApplicationScoped
public class Inbox {

    @Inject
    EntityManager em;

    /** True the first time this consumer sees the event id (and records it); false for a repeat. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, String eventId) {
        return em.createNativeQuery(
                "insert into processed_event (consumer, event_id) values (?1, ?2) on conflict do nothing")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .executeUpdate() == 1;
    }

    /**
     * Deletes the rows older than {@code retention}; returns how many. A repeat that comes later than that would be
     * handled again, so the retention must be well beyond how late a redelivery or a resend can come (minutes after
     * a rebalance or a restart; days are kept). One scan of the table: the hot paths keep no rows here (their effects
     * are their own inbox), so it stays small.
     */
    @Transactional
    public int prune(Duration retention) {
        return em.createNativeQuery("delete from processed_event where processed_at < ?1")
                .setParameter(1, Instant.now().minus(retention))
                .executeUpdate();
    }
}

package com.mctb.gateway.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Deletes call outcomes and human confirmations past {@link RetentionConfig#callRecords()}, in batches of
 * {@link RetentionConfig#batch()} rows, each its own short transaction, so that the gateway's tables stay the size of
 * the retention window however long it runs. Replicas may prune at once: a row is deleted once either way.
 */
@ApplicationScoped
public class CallRecordPruner {

    private static final Logger LOG = Logger.getLogger(CallRecordPruner.class);

    @Inject
    EntityManager em;

    @Inject
    RetentionConfig config;

    @Inject
    MeterRegistry registry;

    @Scheduled(every = "${mctb.gateway.retention.every:1h}", delayed = "${mctb.gateway.retention.first-after:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            prune(Instant.now().minus(config.callRecords()));
        } catch (RuntimeException e) {
            // The next round tries again; nothing is lost by pruning later.
            LOG.warnf("pruning call records failed: %s", e.getMessage());
        }
    }

    /** Deletes every call record decided before {@code before}; returns how many rows went. */
    public long prune(Instant before) {
        long outcomes = pruneTable("call_outcome", "decided_at", before);
        long confirmations = pruneTable("human_confirmation", "confirmed_at", before);
        if (outcomes + confirmations > 0) {
            LOG.infof("pruned %d call outcomes and %d human confirmations older than %s", outcomes, confirmations,
                    before);
        }
        return outcomes + confirmations;
    }

    private long pruneTable(String table, String column, Instant before) {
        Counter pruned = Counter.builder("mctb.gateway.pruned.rows").tag("table", table)
                .description("Rows the gateway deleted past their retention").register(registry);
        long total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("delete from " + table
                    + " where call_sid in (select call_sid from " + table + " where " + column + " < ?1 limit ?2)")
                    .setParameter(1, Timestamp.from(before))
                    .setParameter(2, config.batch())
                    .executeUpdate());
            total += deleted;
            pruned.increment(deleted);
        } while (deleted == config.batch());
        return total;
    }
}

package com.mctb.workflow.service;

import com.mctb.workflow.config.WorkflowConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Deletes what is needed only for a while, every {@code mctb.workflow.prune.interval}: journey entries older than
 * {@code mctb.workflow.journal.retention} (30 days: a call's journey answers "why was this caller texted, or not?"
 * while someone may still ask), and inbox rows ({@code processed_event}) older than
 * {@code mctb.workflow.inbox.retention} (7 days: a row is needed only while a repeat of its event can still come; the
 * consumers that keep them are replies and opt-outs, voicemails and the Business Profile — missed calls and the
 * conversations keep none). Without it both tables grow with every call, for ever.
 *
 * <p>In bounded batches ({@code mctb.workflow.prune.batch-size} rows per statement, each its own transaction), found
 * through a BRIN index on the time column (V17_1), so a backlog never holds long locks nor scans the table. Any
 * number of replicas may prune at once: a row deleted by one is simply not found by the other.
 */
@ApplicationScoped
public class RetentionPruner {

    private static final Logger LOG = Logger.getLogger(RetentionPruner.class);

    /** The tables pruned, each with its time column. */
    enum Table {
        JOURNAL("journey_entry", "at"),
        INBOX("processed_event", "processed_at");

        final String deleteBatch;

        Table(String table, String column) {
            // ctid: the rows found are deleted where they lie, without a second lookup by key.
            this.deleteBatch = "delete from " + table + " where ctid = any(array(select ctid from " + table + " where "
                    + column + " < ?1 limit ?2))";
        }
    }

    @Inject
    EntityManager em;

    @Inject
    WorkflowConfig config;

    @Scheduled(every = "${mctb.workflow.prune.interval:PT1H}", delayed = "PT1M",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            prune();
        } catch (RuntimeException e) {
            LOG.warnf("cannot prune the journal and the inbox now (next try in %s): %s", config.prune().interval(),
                    e.toString());
        }
    }

    /** Deletes every row past its retention; returns how many, journal and inbox together. */
    public long prune() {
        Instant now = Instant.now();
        long journal = prune(Table.JOURNAL, now.minus(config.journal().retention()), config.prune().batchSize());
        long inbox = prune(Table.INBOX, now.minus(config.inbox().retention()), config.prune().batchSize());
        if (journal + inbox > 0) {
            LOG.infof("pruned %d journey entr(ies) older than %s and %d inbox row(s) older than %s", journal,
                    config.journal().retention(), inbox, config.inbox().retention());
        }
        return journal + inbox;
    }

    /** Deletes the table's rows older than {@code before}, {@code batchSize} at a time; returns how many. */
    long prune(Table table, Instant before, int batchSize) {
        long total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(table.deleteBatch)
                    .setParameter(1, before)
                    .setParameter(2, batchSize)
                    .executeUpdate());
            total += deleted;
        } while (deleted == batchSize);
        return total;
    }
}

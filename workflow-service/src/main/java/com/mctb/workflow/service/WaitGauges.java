package com.mctb.workflow.service;

import com.mctb.workflow.metrics.WorkflowMetrics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Refreshes the gauges of waiting runs and of overdue timers (due over a second ago, not fired yet) from the database. */
@ApplicationScoped
public class WaitGauges {

    private static final Logger LOG = Logger.getLogger(WaitGauges.class);

    @Inject
    EntityManager em;

    @Inject
    WorkflowMetrics metrics;

    @Scheduled(every = "${mctb.workflow.timers.gauge-interval:PT5S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            Object[] counts = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                            "select count(*), count(*) filter (where due_at <= ?1) from workflow_run where status = 'WAITING'")
                    .setParameter(1, Instant.now().minusSeconds(1))
                    .getSingleResult());
            metrics.waits(((Number) counts[0]).longValue(), ((Number) counts[1]).longValue());
        } catch (RuntimeException e) {
            LOG.debugf("cannot count waiting runs now: %s", e.toString());
        }
    }
}

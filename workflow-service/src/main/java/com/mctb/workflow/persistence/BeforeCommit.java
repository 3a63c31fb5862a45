package com.mctb.workflow.persistence;

import jakarta.persistence.EntityManager;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.TransactionCompletionCallbacks;
import org.hibernate.jdbc.Work;

/**
 * Statements the hot path collected during a transaction, written on its connection just before it commits (after
 * Hibernate's own flush) as JDBC batches: Hibernate's before-completion callback of the transaction's session. Nothing
 * is written if the transaction rolls back; a failure here rolls it back. The after-commit side (metrics, waking the
 * relay) is service-kit's {@code AfterCommit}.
 */
public final class BeforeCommit {

    private BeforeCommit() {
    }

    /** {@code work} on the transaction's connection just before it commits. Inside a transaction only. */
    public static void write(EntityManager em, Work work) {
        em.unwrap(SharedSessionContractImplementor.class).getTransactionCompletionCallbacks().registerCallback(
                (TransactionCompletionCallbacks.BeforeCompletionCallback) session -> session.doWork(work));
    }
}

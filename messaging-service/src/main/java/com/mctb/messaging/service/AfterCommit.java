package com.mctb.messaging.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Runs work once the current transaction has committed, and never if it rolls back: a text is handed to the senders
 * only when the row that claims it is really in the database.
 */
@ApplicationScoped
public class AfterCommit {

    @Inject
    TransactionSynchronizationRegistry transactions;

    public void run(Runnable work) {
        run(work, () -> { });
    }

    /** {@code work} once the transaction committed, {@code undo} if it rolled back. */
    public void run(Runnable work, Runnable undo) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    work.run();
                } else {
                    undo.run();
                }
            }
        });
    }
}

package com.mctb.workflow.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * Work to do once the current transaction has committed, such as counting in a metric what it did: a batch that
 * rolls back and is handled again must not be counted twice. One synchronization per transaction, however many
 * actions.
 */
@ApplicationScoped
public class AfterCommit {

    private static final String KEY = AfterCommit.class.getName();

    @Inject
    TransactionSynchronizationRegistry transactions;

    public void run(Runnable action) {
        @SuppressWarnings("unchecked")
        List<Runnable> actions = (List<Runnable>) transactions.getResource(KEY);
        if (actions == null) {
            List<Runnable> fresh = new ArrayList<>();
            transactions.putResource(KEY, fresh);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        fresh.forEach(Runnable::run);
                    }
                }
            });
            actions = fresh;
        }
        actions.add(action);
    }
}

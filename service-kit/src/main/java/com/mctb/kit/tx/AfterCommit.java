package com.mctb.kit.tx;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The one way a service does work after its current transaction ends: hand a claimed text to the senders once the
 * claim is in the database, wake the outbox relay, count in a metric what the transaction did (a batch that rolls
 * back and is handled again must not be counted twice). One JTA synchronization per transaction, however many
 * actions; actions run in the order they were added.
 *
 * <p>Must be called inside a transaction (the registry refuses otherwise).
 */
@ApplicationScoped
public class AfterCommit {

    private static final String KEY = TransactionHooks.class.getName();

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** {@code work} once the transaction committed; nothing if it rolled back. */
    public void run(Runnable work) {
        hooks().onCommit(work);
    }

    /** {@code work} once the transaction committed, {@code undo} if it rolled back. */
    public void run(Runnable work, Runnable undo) {
        hooks().onCommit(work);
        hooks().onRollback(undo);
    }

    /**
     * {@code work} once after the commit however often this transaction asks with the same {@code key} (e.g. "wake
     * the relay" for each of its outbox rows).
     */
    public void once(Object key, Runnable work) {
        hooks().onCommitOnce(key, work);
    }

    private TransactionHooks hooks() {
        TransactionHooks hooks = (TransactionHooks) transactions.getResource(KEY);
        if (hooks == null) {
            hooks = new TransactionHooks();
            transactions.putResource(KEY, hooks);
            transactions.registerInterposedSynchronization(hooks);
        }
        return hooks;
    }
}

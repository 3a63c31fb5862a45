package com.mctb.kit.tx;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The actions one transaction collected ({@link AfterCommit}), run when it ends: the commit actions if it committed,
 * the rollback actions otherwise. An action that throws is logged and the others still run: the transaction is over,
 * and nothing could undo it.
 */
final class TransactionHooks implements Synchronization {

    private static final Logger LOG = Logger.getLogger(TransactionHooks.class);

    private final List<Runnable> onCommit = new ArrayList<>();
    private final List<Runnable> onRollback = new ArrayList<>();
    private final Set<Object> onceKeys = new HashSet<>();

    void onCommit(Runnable work) {
        onCommit.add(work);
    }

    void onRollback(Runnable undo) {
        onRollback.add(undo);
    }

    void onCommitOnce(Object key, Runnable work) {
        if (onceKeys.add(key)) {
            onCommit.add(work);
        }
    }

    @Override
    public void beforeCompletion() {
    }

    @Override
    public void afterCompletion(int status) {
        for (Runnable action : status == Status.STATUS_COMMITTED ? onCommit : onRollback) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.errorf(e, "an action after the transaction ended failed (status %d)", status);
            }
        }
    }
}

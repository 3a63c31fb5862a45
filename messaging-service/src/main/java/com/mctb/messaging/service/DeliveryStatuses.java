package com.mctb.messaging.service;

import com.mctb.kit.kafka.Failures;
import com.mctb.messaging.domain.MessageStatus;
import io.opentelemetry.api.trace.Span;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Twilio's status callbacks, group-committed: callbacks that arrive while another batch is being written wait for
 * it, and the next request to get its turn writes all of them in one transaction ({@link StatusChanges}), one JDBC
 * batch; each request is answered once the transaction holding its callback has committed. A lone callback is
 * written at once, with no wait added. A batch that fails for good is written callback by callback, so one bad
 * callback answers for itself only; a database that is away fails them all (503: Twilio posts them again).
 */
@ApplicationScoped
public class DeliveryStatuses {

    /** At most this many callbacks in one transaction. */
    static final int BATCH = 200;

    @Inject
    StatusChanges changes;

    private final ConcurrentLinkedQueue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock turn = new ReentrantLock();

    /**
     * Applies one callback, in a transaction with those that arrived with it; returns once it is committed.
     *
     * @param ourId our id of the text, from the StatusCallback URL (null when absent)
     */
    public Result apply(String messageSid, MessageStatus reported, Integer errorCode, UUID ourId) {
        Waiting mine = new Waiting(new StatusChanges.Callback(messageSid, reported, errorCode, ourId, Span.current()));
        waiting.add(mine);
        turn.lock();
        try {
            while (!mine.done) {
                writeWaiting();
            }
        } finally {
            turn.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.result;
    }

    /** Writes the callbacks waiting now (up to {@link #BATCH}), holding the turn. */
    private void writeWaiting() {
        List<Waiting> batch = new ArrayList<>();
        for (Waiting w; batch.size() < BATCH && (w = waiting.poll()) != null; ) {
            batch.add(w);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            answer(batch, changes.apply(batch.stream().map(Waiting::callback).toList()));
        } catch (RuntimeException e) {
            if (batch.size() == 1 || Failures.isTransient(e)) {
                batch.forEach(w -> w.fail(e));
                return;
            }
            for (Waiting one : batch) {
                try {
                    answer(List.of(one), changes.apply(List.of(one.callback())));
                } catch (RuntimeException single) {
                    one.fail(single);
                }
            }
        }
    }

    private static void answer(List<Waiting> batch, List<StatusChanges.Change> changes) {
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).answer(Result.valueOf(changes.get(i).name()));
        }
    }

    /** What a callback did (as {@link StatusChanges.Change}, for the webhook's answer and metrics). */
    public enum Result {
        CHANGED,
        /** Late or repeated: the text is already at or past that status. */
        UNCHANGED,
        /** Not a text of ours. */
        UNKNOWN_MESSAGE
    }

    /** A callback waiting for its transaction; written and read under {@link #turn}. */
    private static final class Waiting {
        private final StatusChanges.Callback callback;
        private boolean done;
        private Result result;
        private RuntimeException failure;

        Waiting(StatusChanges.Callback callback) {
            this.callback = callback;
        }

        StatusChanges.Callback callback() {
            return callback;
        }

        void answer(Result r) {
            result = r;
            done = true;
        }

        void fail(RuntimeException e) {
            failure = e;
            done = true;
        }
    }
}

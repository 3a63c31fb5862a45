package com.mctb.messaging.sending;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.jboss.logging.Logger;

/**
 * The last stage: settled outcomes (accepted, refused, rejected) are written together, whatever is waiting in one
 * transaction ({@link MessageOutcomes#record}: status, usage ledger, events through the outbox), then the texts leave
 * this instance's hands. A database that is away is waited for; a batch that fails for good is written text by text,
 * so one bad text does not hold back the others (it is left for recovery).
 */
@ApplicationScoped
public class OutcomeRecorder {

    private static final Logger LOG = Logger.getLogger(OutcomeRecorder.class);
    static final int BATCH = 500;

    @Inject
    MessageOutcomes outcomes;

    @Inject
    InFlight inFlight;

    @Inject
    SendingThreads threads;

    private final BlockingQueue<SendOutcome> toRecord = new LinkedBlockingQueue<>();

    void start() {
        threads.loop("send-recorder", this::recordWaiting);
    }

    /** Takes a settled outcome to be written (one that {@link SendOutcome#recorded()}). */
    void record(SendOutcome outcome) {
        toRecord.add(outcome);
    }

    private void recordWaiting() throws InterruptedException {
        List<SendOutcome> batch = new ArrayList<>();
        batch.add(toRecord.take());
        toRecord.drainTo(batch, BATCH - 1);
        try {
            threads.untilStored(() -> {
                outcomes.record(batch);
                return null;
            });
        } catch (RuntimeException e) {
            for (SendOutcome one : batch) {
                try {
                    threads.untilStored(() -> {
                        outcomes.record(List.of(one));
                        return null;
                    });
                } catch (RuntimeException single) {
                    LOG.errorf(single, "command %s: could not record its outcome; left for recovery", one.text().commandId());
                }
            }
        }
        batch.forEach(s -> inFlight.release(s.text().id()));
    }
}

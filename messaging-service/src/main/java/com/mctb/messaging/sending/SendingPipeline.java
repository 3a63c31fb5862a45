package com.mctb.messaging.sending;

import com.mctb.kit.tx.AfterCommit;
import com.mctb.messaging.config.MessagingConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The way in to the send path, which runs one way, each stage its own class:
 * <pre>
 *  intake (Kafka batch, committed) ──▶ {@link SendingRateGate}: each text's sending number's next slot, one
 *      reservation (one statement) for the whole batch
 *      ──▶ {@link SendClaims}: at the slot, PENDING→SENDING in one transaction for all texts due, committed first
 *      ──▶ {@link TwilioSender}: bounded pool, one request per attempt, {@link RetryPolicy} (back-off with jitter,
 *          each retry through the gate; after no answer, Twilio's list before anything is sent again)
 *      ──▶ {@link SendOutcome} ──▶ {@link OutcomeRecorder}: one transaction per batch ({@link MessageOutcomes}):
 *          status, usage ledger, sms.events through the outbox
 * </pre>
 * A text its number may send at once is claimed in the intake's own transaction and goes straight to the sender.
 * {@link InFlight} holds every text from before its commit until it is settled; {@link SendingThreads} makes every
 * thread. The consumer never waits for Twilio, only while {@code max-in-flight} texts are unsettled.
 */
@ApplicationScoped
public class SendingPipeline {

    @Inject
    MessagingConfig config;

    @Inject
    AfterCommit afterCommit;

    @Inject
    SendingRateGate gate;

    @Inject
    SendClaims claims;

    @Inject
    TwilioSender sender;

    @Inject
    OutcomeRecorder recorder;

    @Inject
    InFlight inFlight;

    @Inject
    SendingThreads threads;

    void start(@Observes StartupEvent startup) {
        threads.start();
        sender.start();
        claims.start();
        recorder.start();
        threads.timer().scheduleWithFixedDelay(gate::forgetIdle, 1, 1, TimeUnit.MINUTES);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        inFlight.close();
        threads.stop();
    }

    /**
     * Reserves the next slot of each text's sending number, for a whole intake batch in one reservation (call while
     * recording the texts), and returns how long each is to wait for it, in their order; 0 means the text may be
     * claimed and sent at once. Texts of one number take its slots in the order given.
     */
    public long[] reserve(List<SendingRateGate.Sender> texts) {
        return gate.reserve(texts);
    }

    /**
     * Hands a text recorded in the current transaction to the senders once the transaction commits: at once when it
     * was claimed with it, else at its slot through the claim. Rolled back: let go.
     */
    public void afterCommit(OutgoingText text, long waitNanos) {
        // Held before the commit: from the moment its row is visible, this instance's recovery knows the text is
        // being worked on here, however long the commit took (a recovered copy would be a second sender).
        inFlight.hold(text);
        afterCommit.run(() -> {
            if (text.claimedAt() != null) {
                sender.send(text, false, true);
            } else {
                claims.claimAt(text, waitNanos);
            }
        }, () -> inFlight.release(text.id()));
    }

    /** PENDING texts recovery found unattended: through the rate gate (one reservation for them all) and the claim. */
    public void resumePending(List<OutgoingText> texts) {
        List<OutgoingText> held = texts.stream().filter(inFlight::holdIfFree).toList();
        long[] waits = gate.reserve(held.stream().map(t -> new SendingRateGate.Sender(t.channel(), t.from())).toList());
        for (int i = 0; i < held.size(); i++) {
            claims.claimAt(held.get(i), waits[i]);
        }
    }

    /**
     * SENDING texts whose sender stopped with the outcome unknown (recovery holds their lease): Twilio is asked first
     * whether it took each; only a text Twilio does not have is sent.
     */
    public void resumeUnknown(List<OutgoingText> texts) {
        for (OutgoingText text : texts) {
            if (inFlight.holdIfFree(text)) {
                sender.send(text, true, false);
            }
        }
    }

    /** The texts this instance is working on: recovery leaves them alone. */
    public Set<UUID> inFlight() {
        return inFlight.ids();
    }

    /** Blocks the consumer while too many texts are unsettled, so Kafka is read no faster than Twilio takes texts. */
    public void awaitCapacity() {
        inFlight.awaitRoom(config.sending().maxInFlight());
    }
}

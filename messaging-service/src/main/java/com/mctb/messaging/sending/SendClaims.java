package com.mctb.messaging.sending;

import com.mctb.messaging.metrics.MessagingMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The second stage, for texts that waited for their number's slot: when the slot comes, every text due is claimed
 * (PENDING → SENDING) in one transaction, committed before any request ({@link MessageOutcomes#claim}), and handed to
 * the {@link TwilioSender}. A text that is no longer PENDING is let go; one whose recipient opted out meanwhile was
 * rejected by the claim. Texts the intake could send at once were claimed in its own transaction and skip this.
 */
@ApplicationScoped
public class SendClaims {

    private static final Logger LOG = Logger.getLogger(SendClaims.class);
    private static final int BATCH = 500;

    @Inject
    MessageOutcomes outcomes;

    @Inject
    TwilioSender sender;

    @Inject
    InFlight inFlight;

    @Inject
    SendingThreads threads;

    @Inject
    MessagingMetrics metrics;

    private final BlockingQueue<OutgoingText> due = new LinkedBlockingQueue<>();

    void start() {
        threads.loop("send-claimer", this::claimDue);
    }

    /** Claims the text once {@code waitNanos} (its number's slot) have passed. */
    void claimAt(OutgoingText text, long waitNanos) {
        if (waitNanos <= 0) {
            due.add(text);
            return;
        }
        long queuedAt = System.nanoTime();
        threads.timer().schedule(() -> {
            metrics.rateLimitWait(Duration.ofNanos(System.nanoTime() - queuedAt));
            due.add(text);
        }, waitNanos, TimeUnit.NANOSECONDS);
    }

    private void claimDue() throws InterruptedException {
        List<OutgoingText> texts = new ArrayList<>();
        texts.add(due.take());
        due.drainTo(texts, BATCH - 1);
        Map<java.util.UUID, MessageOutcomes.Claim> claimed;
        try {
            claimed = threads.untilStored(() -> outcomes.claim(texts.stream().map(OutgoingText::id).toList()));
        } catch (RuntimeException e) {
            // Not an outage: let go of them (still PENDING), so recovery sends them once their lease runs out.
            LOG.errorf(e, "could not claim %d text(s); left PENDING for recovery", texts.size());
            texts.forEach(t -> inFlight.release(t.id()));
            return;
        }
        for (OutgoingText text : texts) {
            MessageOutcomes.Claim claim = claimed.get(text.id());
            if (claim == null) {
                inFlight.release(text.id());
            } else {
                sender.send(text.claimed(claim.at(), claim.lease()), false, true);
            }
        }
    }
}

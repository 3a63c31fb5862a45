package com.mctb.messaging.sending;

import com.mctb.kit.kafka.Failures;
import com.mctb.kit.tracing.Traces;
import com.mctb.kit.twilio.TwilioWebhookConfig;
import com.mctb.messaging.config.MessagingConfig;
import com.mctb.messaging.metrics.MessagingMetrics;
import com.mctb.messaging.twilio.TwilioMessages;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The third stage: a claimed text (status SENDING, committed) goes to Twilio, one request per attempt, on the bounded
 * pool of senders. Attempts are retried as {@link RetryPolicy} says, each through the number's {@link SendingRateGate};
 * after a request that got no answer, Twilio's list is read first and a text found there is taken as accepted. The
 * settled {@link SendOutcome} goes to the {@link OutcomeRecorder}, or is left for recovery.
 */
@ApplicationScoped
public class TwilioSender {

    private static final Logger LOG = Logger.getLogger(TwilioSender.class);

    @Inject
    MessagingConfig config;

    @Inject
    TwilioWebhookConfig webhooks;

    @Inject
    TwilioMessages twilio;

    @Inject
    SendingRateGate gate;

    @Inject
    SendingThreads threads;

    @Inject
    MessageOutcomes outcomes;

    @Inject
    OutcomeRecorder recorder;

    @Inject
    InFlight inFlight;

    @Inject
    MessagingMetrics metrics;

    @Inject
    Tracer tracer;

    private TypedGuard<CompletionStage<TwilioMessages.Created>> guard;
    private String statusCallbackBase;

    void start() {
        guard = RetryPolicy.guard(config.sending(), metrics::retry);
        statusCallbackBase = webhooks.publicBaseUrl().orElse("").replaceAll("/+$", "") + "/twilio/messaging/status?m=";
    }

    /**
     * Sends a claimed text.
     *
     * @param outcomeUnknown a request for it may have reached Twilio already: Twilio's list is read first
     * @param slotReserved   its first request's slot was reserved when it was recorded or claimed
     */
    void send(OutgoingText text, boolean outcomeUnknown, boolean slotReserved) {
        Attempts a = new Attempts(text, outcomeUnknown, slotReserved);
        CompletionStage<TwilioMessages.Created> result;
        try {
            result = guard.get(() -> attempt(a));
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((created, error) -> settled(SendOutcome.of(text, created, a.adopted, error, a.count.get(),
                Instant.now())));
    }

    private CompletionStage<TwilioMessages.Created> attempt(Attempts a) {
        int n = a.count.incrementAndGet();
        // Every request counts against the number's rate; the first one's slot was reserved when it was recorded.
        long wait = n == 1 && a.slotReserved ? 0 : gate.reserve(a.text.channel(), a.text.from());
        if (a.outcomeUnknown && a.unknownSince != 0) {
            // Twilio's list may lag its creation by a moment: ask only once it would show the text.
            wait = Math.max(wait, a.unknownSince + config.sending().lookupDelay().toNanos() - System.nanoTime());
        }
        CompletableFuture<TwilioMessages.Created> attempt = new CompletableFuture<>();
        Runnable request = () -> {
            try {
                attempt.complete(call(a));
            } catch (Throwable e) {
                attempt.completeExceptionally(e);
            }
        };
        try {
            if (wait <= 0) {
                threads.senders().execute(request);
            } else {
                threads.timer().schedule(() -> {
                    try {
                        threads.senders().execute(request);
                    } catch (RejectedExecutionException e) {
                        attempt.completeExceptionally(e);
                    }
                }, wait, TimeUnit.NANOSECONDS);
            }
        } catch (RejectedExecutionException e) {
            attempt.completeExceptionally(e);
        }
        return attempt;
    }

    /** One request to Twilio; after an unknown outcome, Twilio's list is read first. */
    private TwilioMessages.Created call(Attempts a) {
        OutgoingText text = a.text;
        if (a.outcomeUnknown) {
            Optional<TwilioMessages.Listed> taken;
            try {
                taken = takenByTwilio(text);
            } catch (TwilioMessages.Refused lookup) {
                metrics.twilioError(lookup.label());
                throw TwilioMessages.Refused.stillUnknown(lookup);
            }
            if (taken.isPresent()) {
                a.adopted = true;
                LOG.infof("command %s: Twilio had taken it as %s; not sent again", text.commandId(), taken.get().sid());
                return new TwilioMessages.Created(taken.get().sid(), taken.get().status(), null);
            }
            a.outcomeUnknown = false;
        }
        fenced(a);
        long started = System.nanoTime();
        // The request to Twilio in the trace of the missed call (service-kit's TwilioApiHttpClient sends this span as
        // traceparent).
        try (Traces.Active span = Traces.start(tracer, "twilio create message", SpanKind.CLIENT,
                Traces.parse(text.traceparent()))) {
            span.attribute("mctb.command_id", text.commandId()).attribute("mctb.channel", text.channel().name());
            return twilio.create(text.twilioAccountSid(), text.channel(), text.from(), text.to(), text.body(),
                    statusCallbackBase + text.id());
        } catch (TwilioMessages.Refused refused) {
            metrics.twilioError(refused.label());
            if (refused.outcome() == TwilioMessages.Outcome.UNKNOWN) {
                a.outcomeUnknown = true;
                a.unknownSince = System.nanoTime();
            }
            LOG.debugf("command %s attempt %d: %s", text.commandId(), a.count.get(), refused.getMessage());
            throw refused;
        } finally {
            metrics.twilioRequest(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /**
     * Just before a request: an instance whose claim is older than half the lease (on its monotonic clock: a GC or VM
     * pause counts) re-checks in one statement that its fencing token still holds, renewing the lease. Taken over
     * meanwhile: nothing is sent ({@link Superseded}), and nothing is recorded.
     */
    private void fenced(Attempts a) {
        long now = System.nanoTime();
        long halfLease = config.recovery().sendingAfter().toNanos() / 2;
        if (a.leaseCheckedNanos != 0 && now - a.leaseCheckedNanos < halfLease) {
            return;
        }
        if (!outcomes.stillHolds(a.text.id(), a.text.lease())) {
            throw new Superseded();
        }
        a.leaseCheckedNanos = now;
    }

    /** This instance's claim of the text was taken over by another: it sends and records nothing. */
    static final class Superseded extends RuntimeException {
        Superseded() {
            super("the claim was taken over by another instance", null, false, false);
        }
    }

    /**
     * The text as Twilio lists it, when Twilio took it: same sender, recipient and body, created since the claim
     * (less a margin for clocks and Twilio's whole-second dates), and not recorded for another text.
     */
    private Optional<TwilioMessages.Listed> takenByTwilio(OutgoingText text) {
        Instant since = (text.claimedAt() == null ? Instant.now() : text.claimedAt()).minus(Duration.ofMinutes(2));
        List<TwilioMessages.Listed> candidates = twilio.sentTo(text.twilioAccountSid(), text.channel(), text.from(),
                        text.to(), since).stream()
                .filter(m -> text.body().equals(m.body()))
                .filter(m -> m.createdAt() != null && !m.createdAt().isBefore(since))
                .toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Set<String> known = outcomes.knownSids(candidates.stream().map(TwilioMessages.Listed::sid).toList());
        return candidates.stream().filter(m -> !known.contains(m.sid()))
                .min(Comparator.comparing(TwilioMessages.Listed::createdAt));
    }

    private void settled(SendOutcome outcome) {
        OutgoingText text = outcome.text();
        if (outcome instanceof SendOutcome.Accepted a && !a.adopted() && text.missedAt() != null) {
            metrics.speedToLead(text.channel(), Duration.between(text.missedAt(), a.acceptedAt()));
        }
        if (outcome.recorded()) {
            recorder.record(outcome);
        } else if (outcome instanceof SendOutcome.SmsInstead s) {
            asSms(s);
        } else if (outcome instanceof SendOutcome.Ambiguous u) {
            // Never sent again blindly: left SENDING for recovery, which asks Twilio once the lease expires.
            LOG.warnf("command %s: Twilio's answer unknown after %d attempts; left for reconciliation",
                    text.commandId(), u.attempts());
            inFlight.release(text.id());
        } else if (outcome instanceof SendOutcome.Superseded) {
            LOG.warnf("command %s: taken over by another instance while this one held it (paused past its lease?); "
                    + "not sent, nothing recorded here", text.commandId());
            inFlight.release(text.id());
        } else if (outcome instanceof SendOutcome.Stopped s) {
            LOG.errorf(s.cause(), "command %s: sending stopped (%s); left for recovery", text.commandId(),
                    Failures.describe(s.cause()));
            inFlight.release(text.id());
        }
    }

    private void asSms(SendOutcome.SmsInstead s) {
        OutgoingText text = s.text();
        try {
            outcomes.fallBackToSms(text.id());
        } catch (RuntimeException e) {
            LOG.errorf("command %s: could not record the fall-back to SMS (%s); left for recovery", text.commandId(),
                    Failures.describe(e));
            inFlight.release(text.id());
            return;
        }
        LOG.infof("command %s: WhatsApp refused (%s, no session); sent as SMS as its command allows", text.commandId(),
                s.code());
        OutgoingText sms = text.asSms();
        inFlight.hold(sms);
        send(sms, false, false);
    }

    /** One text on its way through its attempts. */
    private static final class Attempts {
        final OutgoingText text;
        final boolean slotReserved;
        final AtomicInteger count = new AtomicInteger();
        volatile boolean outcomeUnknown;
        /** When the last request went unanswered (System.nanoTime), 0 when recovery found the outcome unknown. */
        volatile long unknownSince;
        volatile boolean adopted;
        /** When the claim was made or last re-checked (System.nanoTime); 0: check before the first request. */
        volatile long leaseCheckedNanos;

        Attempts(OutgoingText text, boolean outcomeUnknown, boolean slotReserved) {
            this.text = text;
            this.leaseCheckedNanos = text.claimedNanos();
            this.outcomeUnknown = outcomeUnknown;
            this.slotReserved = slotReserved;
        }
    }
}

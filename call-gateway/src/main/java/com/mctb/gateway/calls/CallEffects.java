package com.mctb.gateway.calls;

import com.mctb.contracts.event.CallMissed;
import com.mctb.gateway.config.GatewayConfig;
import com.mctb.gateway.domain.CallDecision;
import com.mctb.gateway.domain.LegEnded;
import com.mctb.kit.kafka.Failures;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Carries out what {@link com.mctb.gateway.domain.CallFlow} decided: reports the missed call, records the answered
 * one or the confirmation, notes the ended call, starts the ring clock, counts. The returned stage completes when
 * the caller may be answered: a missed call, or an answered one, is kept durably (database or spool).
 */
@ApplicationScoped
public class CallEffects {

    private static final Logger LOG = Logger.getLogger(CallEffects.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    @Inject
    MissedCallPublisher missedCalls;

    @Inject
    AnsweredCallRecorder answeredCalls;

    @Inject
    HumanConfirmations confirmations;

    @Inject
    EndedCalls endedCalls;

    @Inject
    RingClock ringClock;

    @Inject
    OutcomeWriter writer;

    @Inject
    WhoAnswered whoAnswered;

    @Inject
    GatewayConfig config;

    @Inject
    MeterRegistry registry;

    /**
     * The call a webhook is about, as the resource read it.
     *
     * @param twilioAccountSid the Twilio account that holds our number (the webhook's AccountSid), or null
     * @param dialed           the leg of it a {@code <Dial>} placed that the webhook tells of, or null
     */
    public record Call(String callSid, String from, boolean withheld, String to, String twilioAccountSid,
            DialedLeg dialed) {

        public Call(String callSid, String from, boolean withheld, String to) {
            this(callSid, from, withheld, to, null, null);
        }
    }

    /**
     * A leg a {@code <Dial>} placed (Twilio's child call): a dial callback's {@code DialCallSid} (whom it rang is then
     * Twilio's to tell), or a screened leg's own CallSid and {@code To}.
     */
    public record DialedLeg(String callSid, String to) {
    }

    /**
     * Carries out the decision's effect for this call, and keeps how a leg of its ring pattern ended (best effort,
     * group-committed by {@link OutcomeWriter} with the other webhooks' writes, waited for no longer than
     * {@code mctb.gateway.write-deadline}: a database that is away loses the leg's row, never delays the caller's
     * answer past the deadline), with who answered it: known at once, or asked of Twilio after the row is kept
     * ({@link WhoAnswered}), waited for by nobody.
     */
    public CompletionStage<Void> apply(CallDecision decision, Call call) {
        CompletionStage<Void> effect = effect(decision, call);
        if (decision.legEnded() == null || decision.settings() == null) {
            return effect;
        }
        LegEnded ended = decision.legEnded();
        // Who answered is known at once, except for an answered leg that rang several numbers, when the screen's
        // confirmation is read from the database: that read is off the webhook's thread, under the same deadline.
        CompletableFuture<CallLegs.AnsweredBy> who = ended.outcome() == LegEnded.Outcome.ANSWERED
                && ended.leg().numbers().size() > 1
                ? CompletableFuture.supplyAsync(() -> known(call, ended),
                        io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool())
                : CompletableFuture.completedFuture(known(call, ended));
        CompletableFuture<Void> leg = who
                .thenCompose(answeredBy -> writer.submit(new CallLegs.Ended(call, decision.settings().accountId(),
                        ended, answeredBy)).result().thenApply(kept -> Optional.ofNullable(answeredBy)))
                .<Void>handle((answeredBy, failure) -> {
                    if (failure != null) {
                        LOG.warnf("call %s: leg %d not kept (%s)", call.callSid(), ended.leg().index(),
                                Failures.describe(failure));
                    } else if (answeredBy.isEmpty()) {
                        whoAnswered.lookUpLater(call, ended);
                    }
                    return null;
                })
                // The caller waits for the leg's row no longer than for a decision: past it, it is written later.
                .completeOnTimeout(null, config.writeDeadline().toMillis(), TimeUnit.MILLISECONDS);
        return CompletableFuture.allOf(effect.toCompletableFuture(), leg);
    }

    private CompletionStage<Void> effect(CallDecision decision, Call call) {
        switch (decision.effect()) {
            case REPORT_MISSED -> {
                if (decision.why() != null && decision.why().startsWith("forwarded leg")) {
                    LOG.infof("call %s: forwarded leg answered without confirmation; counted as missed", call.callSid());
                }
                return missedCalls.report(new CallMissed(call.callSid(), decision.settings().accountId(), call.from(),
                        call.to(), decision.dialStatus(), decision.rangSeconds(), call.withheld(), Instant.now()))
                        .thenApply(reported -> null);
            }
            case RECORD_ANSWERED -> {
                return answeredCalls.record(CallOutcomes.Decision.answered(call.callSid(),
                        decision.settings().accountId(), call.from(), call.to(), call.withheld(), decision.dialStatus()));
            }
            case START_RING_CLOCK -> ringClock.started(call.callSid());
            case RECORD_CONFIRMATION -> {
                try {
                    confirmations.confirm(call.callSid(), call.dialed() == null ? null : call.dialed().to());
                } catch (RuntimeException e) {
                    LOG.warnf("call %s: confirmation not recorded (%s)", call.callSid(), Failures.describe(e));
                }
            }
            case NOTE_ENDED -> endedCalls.ended(call.callSid(), decision.settings().accountId(), call.from(), call.to(),
                    call.withheld(), decision.why());
            case COUNT_UNROUTED -> registry.counter("mctb.calls.unrouted").increment();
            case COUNT_UNKNOWN_STATUS -> {
                LOG.warnf("call %s: %s; ending the call", call.callSid(), decision.why());
                registry.counter("mctb.webhooks.unknown.dial.status").increment();
            }
            case NONE -> {
            }
        }
        return DONE;
    }

    /** Who answered the leg, when known without asking Twilio; null when not (or when that could not be read). */
    private CallLegs.AnsweredBy known(Call call, LegEnded ended) {
        try {
            return whoAnswered.known(call.callSid(), ended);
        } catch (RuntimeException e) {
            return null; // asked of Twilio, as when the screen's confirmation could not be read
        }
    }

    /** Whole seconds the call rang, if this instance saw it start ringing (and forgets it). */
    public Integer rang(String callSid) {
        return ringClock.secondsSince(callSid);
    }

    /** Whether whoever picked up a screened forward pressed a key; unknown (database away) counts as yes. */
    public boolean confirmedByAPerson(String callSid) {
        try {
            return confirmations.isConfirmed(callSid);
        } catch (RuntimeException e) {
            // Unknown: the call was connected, so assume a person took it rather than text someone who talked.
            return true;
        }
    }
}

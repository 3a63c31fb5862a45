package com.mctb.gateway.domain;

import com.mctb.contracts.event.CallSettingsChanged;
import com.mctb.contracts.event.DialStatus;
import com.mctb.gateway.domain.CallDecision.Answer;
import com.mctb.gateway.domain.CallDecision.Effect;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The call decisions: missed, answered, screened, voicemail, from what a webhook says and the number's settings.
 * Plain Java, no framework and no I/O: the facts that need a store (was the screen confirmed?) are asked through a
 * supplier, only when the decision depends on them.
 */
public final class CallFlow {

    private static final Set<String> FINAL_CALL_STATUSES = Set.of("completed", "busy", "failed", "no-answer", "canceled");

    /** A call to one of our numbers arrived. */
    public CallDecision incoming(Optional<CallSettingsChanged> settings) {
        if (settings.isEmpty()) {
            return CallDecision.of(Answer.VOICEMAIL_ON_DEFAULTS, Effect.COUNT_UNROUTED, null,
                    "no account owns this number");
        }
        CallSettingsChanged s = settings.get();
        RingLegs legs = RingLegs.of(s);
        if (legs.isEmpty()) {
            // Nobody to ring: the call is missed as it arrives.
            return new CallDecision(Answer.VOICEMAIL, Effect.REPORT_MISSED, s, DialStatus.NO_ANSWER, 0,
                    "no forward-to targets");
        }
        return new CallDecision(Answer.RING, Effect.START_RING_CLOCK, s, null, null, null, legs.legs().get(0), null);
    }

    /**
     * The {@code <Dial>} ended with Twilio's {@code DialCallStatus}.
     *
     * @param rangSeconds        how long it rang, if known
     * @param confirmedByAPerson asked only for an answered, screened call: did whoever picked up press a key?
     */
    public CallDecision dialEnded(String rawDialStatus, Optional<CallSettingsChanged> settings, Integer rangSeconds,
            BooleanSupplier confirmedByAPerson) {
        return legEnded(0, rawDialStatus, settings, () -> rangSeconds, confirmedByAPerson);
    }

    /**
     * Leg {@code legIndex} of the number's ring pattern ended with Twilio's {@code DialCallStatus} (a simultaneous
     * pattern has one leg, 0). Answered by a person: the call is answered. Otherwise the next leg rings, and only when
     * there is none is the call missed: voicemail, and one CallMissed for the whole pattern. A leg picked up without
     * the key press that screening asks for (a target's own voicemail) moves on like an unanswered one.
     *
     * @param rangSeconds        asked only when the call is decided: how long the whole pattern rang, if known
     * @param confirmedByAPerson asked only for an answered leg of a screened call: did whoever picked up press a key?
     */
    public CallDecision legEnded(int legIndex, String rawDialStatus, Optional<CallSettingsChanged> settings,
            Supplier<Integer> rangSeconds, BooleanSupplier confirmedByAPerson) {
        Optional<DialStatus> status = DialStatus.fromTwilio(rawDialStatus);
        if (status.isEmpty()) {
            return CallDecision.of(Answer.HANG_UP, Effect.COUNT_UNKNOWN_STATUS, settings.orElse(null),
                    "unknown DialCallStatus '" + rawDialStatus + "'");
        }
        if (settings.isEmpty()) {
            return status.get().isMissed()
                    ? CallDecision.of(Answer.VOICEMAIL_ON_DEFAULTS, Effect.NONE, null, "no account owns this number")
                    : CallDecision.of(Answer.NOTHING_MORE, Effect.NONE, null, "no account owns this number");
        }
        CallSettingsChanged s = settings.get();
        RingLegs legs = RingLegs.of(s);
        // The settings may have changed while the call rang: a leg they no longer have is the last one.
        RingLegs.Leg leg = legs.leg(legIndex).orElseGet(() -> new RingLegs.Leg(legIndex, List.of(), null, 0));
        String raw = status.get().twilioName();
        if (!status.get().isMissed()) {
            if (!s.humanAnswerConfirmation() || confirmedByAPerson.getAsBoolean()) {
                return new CallDecision(Answer.NOTHING_MORE, Effect.RECORD_ANSWERED, s, status.get(), rangSeconds.get(),
                        "answered").withLegEnded(new LegEnded(leg, raw, LegEnded.Outcome.ANSWERED));
            }
        }
        LegEnded ended = new LegEnded(leg, raw, status.get().isMissed() ? outcome(status.get())
                : LegEnded.Outcome.UNCONFIRMED);
        // A canceled leg is the caller hanging up: nobody is left to ring for.
        Optional<RingLegs.Leg> next = legs.sequential() && status.get() != DialStatus.CANCELED
                ? legs.leg(legIndex + 1) : Optional.empty();
        if (next.isPresent()) {
            return new CallDecision(Answer.RING, Effect.NONE, s, null, null,
                    "leg " + legIndex + " " + ended.outcome() + "; ringing leg " + next.get().index(), next.get(), ended);
        }
        if (ended.outcome() == LegEnded.Outcome.UNCONFIRMED) {
            // Answered, but nobody pressed a key: the forwarded phone's own voicemail took it.
            return new CallDecision(Answer.VOICEMAIL, Effect.REPORT_MISSED, s, DialStatus.NO_ANSWER, rangSeconds.get(),
                    "forwarded leg answered without confirmation").withLegEnded(ended);
        }
        return new CallDecision(Answer.VOICEMAIL, Effect.REPORT_MISSED, s, status.get(), rangSeconds.get(), raw)
                .withLegEnded(ended);
    }

    private static LegEnded.Outcome outcome(DialStatus status) {
        return switch (status.twilioName()) {
            case "busy" -> LegEnded.Outcome.BUSY;
            case "failed" -> LegEnded.Outcome.FAILED;
            case "canceled" -> LegEnded.Outcome.CANCELED;
            default -> LegEnded.Outcome.NO_ANSWER;
        };
    }

    /** The caller's voicemail was recorded (the recording itself arrives later): the call ends. */
    public CallDecision voicemailLeft() {
        return CallDecision.of(Answer.HANG_UP, Effect.NONE, null, "voicemail recorded");
    }

    /** Whoever picked up a screened forward pressed {@code digits} (none: the gather timed out). */
    public CallDecision screenAnswered(String digits) {
        return digits == null || digits.isBlank()
                ? CallDecision.of(Answer.HANG_UP, Effect.NONE, null, "no key pressed")
                : CallDecision.of(Answer.NOTHING_MORE, Effect.RECORD_CONFIRMATION, null, "a person pressed a key");
    }

    /**
     * Twilio's status callback for the caller's call: a final status of an inbound call is noted, to be reported as
     * missed after the grace period if no dial callback decided on it (the caller hung up before or while it rang).
     */
    public CallDecision statusChanged(String callStatus, String direction, Optional<CallSettingsChanged> settings) {
        String status = String.valueOf(callStatus).toLowerCase(Locale.ROOT);
        boolean ended = FINAL_CALL_STATUSES.contains(status) && String.valueOf(direction).startsWith("inbound");
        return ended && settings.isPresent()
                ? CallDecision.of(Answer.NOTHING_MORE, Effect.NOTE_ENDED, settings.get(), status)
                : CallDecision.of(Answer.NOTHING_MORE, Effect.NONE, settings.orElse(null), status);
    }
}

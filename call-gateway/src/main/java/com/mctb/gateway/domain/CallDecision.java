package com.mctb.gateway.domain;

import com.mctb.contracts.event.CallSettingsChanged;
import com.mctb.contracts.event.DialStatus;

/**
 * What {@link CallFlow} decided for one webhook: what the caller hears ({@link #answer()}) and what the gateway
 * reports ({@link #effect()}). The resource turns the first into TwiML and hands the second to the services.
 *
 * @param settings    the number's effective settings (null: no account owns the number)
 * @param dialStatus  the status reported with the effect (a missed call's cause, an answered call's status)
 * @param rangSeconds how long the forward-to targets rang, when this instance saw the call start
 * @param why         a short reason for the log, e.g. "answered without confirmation"
 * @param ringLeg     for {@link Answer#RING}: the leg of the ring pattern to dial now
 * @param legEnded    the leg of the ring pattern this webhook ended, to keep in the call's record, or null
 */
public record CallDecision(Answer answer, Effect effect, CallSettingsChanged settings, DialStatus dialStatus,
        Integer rangSeconds, String why, RingLegs.Leg ringLeg, LegEnded legEnded) {

    public CallDecision(Answer answer, Effect effect, CallSettingsChanged settings, DialStatus dialStatus,
            Integer rangSeconds, String why) {
        this(answer, effect, settings, dialStatus, rangSeconds, why, null, null);
    }

    /** What the caller hears next. */
    public enum Answer {
        /**
         * {@code <Dial>} the {@link #ringLeg()} of the ring pattern (screened when the settings ask for confirmation;
         * the first leg after the recording consent, when the number records calls).
         */
        RING,
        /** The voicemail with the settings' greeting or business name. */
        VOICEMAIL,
        /** The voicemail on the system's defaults (no account owns the number). */
        VOICEMAIL_ON_DEFAULTS,
        /** Nothing more: the caller stays connected (an answered call, a confirmed screen). */
        NOTHING_MORE,
        /** {@code <Hangup/>}. */
        HANG_UP
    }

    /** What the gateway records or publishes because of this webhook. */
    public enum Effect {
        NONE,
        /** Note when the call started ringing (for the ring time of its dial callback). */
        START_RING_CLOCK,
        /** One CallMissed for this CallSid (the first decision wins). */
        REPORT_MISSED,
        /** The call was answered by a person (one CallAnswered unless the caller is withheld). */
        RECORD_ANSWERED,
        /** A person pressed a key on a screened forward. */
        RECORD_CONFIRMATION,
        /** The call ended; reported as missed after the grace period if nothing decided on it. */
        NOTE_ENDED,
        /** Count a call to a number no account owns. */
        COUNT_UNROUTED,
        /** Count a dial callback with a status Twilio does not document. */
        COUNT_UNKNOWN_STATUS
    }

    /** The same decision, also keeping how a leg of the ring pattern ended. */
    CallDecision withLegEnded(LegEnded ended) {
        return new CallDecision(answer, effect, settings, dialStatus, rangSeconds, why, ringLeg, ended);
    }

    static CallDecision of(Answer answer, Effect effect, CallSettingsChanged settings, String why) {
        return new CallDecision(answer, effect, settings, null, null, why);
    }

    /** True when the settings ask whoever picks up to press a key first. */
    public boolean screened() {
        return settings != null && settings.humanAnswerConfirmation();
    }

    /** True when the settings ask for answered calls to be recorded (after the consent announcement). */
    public boolean recorded() {
        return settings != null && settings.recording() != null && settings.recording().enabled();
    }
}

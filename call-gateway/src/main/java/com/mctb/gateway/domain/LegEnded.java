package com.mctb.gateway.domain;

/**
 * How one leg of a call's ring pattern ended, kept in the call's record ({@code call_leg}).
 *
 * @param leg        the leg that rang
 * @param dialStatus Twilio's {@code DialCallStatus} for it
 * @param outcome    what it counts as
 */
public record LegEnded(RingLegs.Leg leg, String dialStatus, Outcome outcome) {

    /** What a leg counts as. */
    public enum Outcome {
        /** A person answered (and, when screening is on, pressed a key): the call is answered. */
        ANSWERED,
        /** Picked up without a key press (a voicemail, most often): the pattern moves on. */
        UNCONFIRMED,
        NO_ANSWER,
        BUSY,
        FAILED,
        CANCELED
    }
}

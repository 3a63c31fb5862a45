package com.mctb.workflow.domain.engine;

/** What a waiting run waits for. */
public enum WaitKind {
    /** A {@code wait} step's duration. */
    DURATION,
    /** A {@code wait} until the business opens. */
    BUSINESS_HOURS,
    /** The trigger's voicemail filter: whether the caller leaves a voicemail (or the window passes). */
    VOICEMAIL,
    /** A text that came due in the account's quiet hours: it goes when they end. */
    QUIET_HOURS,
    /** The call came before the account's Business Profile reached this service: it is handled once that arrives. */
    BUSINESS_PROFILE
}

package com.mctb.workflow.domain.engine;

/** What a waiting run waits for. */
public enum WaitKind {
    /** A {@code wait} step's duration. */
    DURATION,
    /** A {@code wait} until the business opens. */
    BUSINESS_HOURS,
    /** The trigger's voicemail filter: whether the caller leaves a voicemail (or the window passes). */
    VOICEMAIL
}

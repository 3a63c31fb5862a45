package com.mctb.contracts.event;

/** Why a text was sent, as the usage ledger counts it. */
public enum MessageCause {
    /** A step of a missed-call workflow. */
    WORKFLOW,
    /** The Business Profile's legacy "Missed Call Text Back" toggle. */
    LEGACY_TOGGLE
}

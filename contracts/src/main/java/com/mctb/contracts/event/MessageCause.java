package com.mctb.contracts.event;

/** Why a text was sent, as the usage ledger counts it. */
public enum MessageCause {
    /** A step of a missed-call workflow. */
    WORKFLOW,
    /** The Business Profile's legacy "Missed Call Text Back" toggle. */
    LEGACY_TOGGLE,
    /** A team member's answer in a contact's conversation. */
    TEAM_REPLY,
    /** A text telling a team member of a missed call, a voicemail or a reply (to the team member, never a caller). */
    NOTIFICATION
}

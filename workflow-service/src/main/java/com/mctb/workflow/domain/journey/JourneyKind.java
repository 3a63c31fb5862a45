package com.mctb.workflow.domain.journey;

import java.util.Locale;

/**
 * What can happen to a missed call on its way to (or not to) a text. The decisions are the answers to "why (not)?";
 * the rest is what was done. Each kind's JSON name is its lower-case name.
 */
public enum JourneyKind {
    // Before any workflow
    WITHHELD_NUMBER(true, "the caller withheld their number: nobody to text"),
    LEGACY_TOGGLE(true, "the Business Profile's Missed Call Text Back toggle is on: its text, no workflow"),
    NO_ACTIVE_WORKFLOW(true, "the account has no active missed-call workflow"),
    AWAITING_BUSINESS_PROFILE(false, "waiting for the account's Business Profile to reach workflow-service"),
    BUSINESS_PROFILE_ARRIVED(false, "the account's Business Profile arrived: the call is handled now"),
    BUSINESS_PROFILE_MISSING(true, "the account's Business Profile never reached workflow-service: not texted"),
    // Entering a workflow
    TRIGGER_NOT_MATCHED(true, "the workflow's trigger does not match this call"),
    HOURS_NOT_MATCHED(true, "the call came outside the hours this workflow texts in"),
    RE_ENTRY_BLOCKED(true, "the caller is already inside this workflow"),
    WORKFLOW_ENTERED(false, "the call entered the workflow"),
    AWAITING_VOICEMAIL(false, "waiting to learn whether the caller leaves a voicemail"),
    VOICEMAIL_LEFT(true, "the caller left a voicemail"),
    NO_VOICEMAIL(true, "the caller left no voicemail"),
    // Steps
    WITHIN_HOURS(true, "the business is open"),
    OUTSIDE_HOURS(true, "the business is closed"),
    TAG_PRESENT(true, "the contact has the tag"),
    TAG_ABSENT(true, "the contact lacks the tag"),
    CALL_COUNT_MET(true, "the contact's recent calls meet the condition"),
    CALL_COUNT_NOT_MET(true, "the contact's recent calls do not meet the condition"),
    TAG_ADDED(false, "a tag was added"),
    TAG_REMOVED(false, "a tag was removed"),
    WAITING(false, "the run waits"),
    RESUMED(false, "the wait is over"),
    TEXTED_RECENTLY(true, "the caller was texted within the workflow's repeat window"),
    NOT_TEXTED_RECENTLY(true, "the caller was not texted within the workflow's repeat window"),
    OPTED_OUT(true, "the contact opted out of texts: not texted"),
    ANOTHER_WORKFLOW_TEXTS(true, "another workflow, activated first, texts this call: not sent"),
    REPEAT_WINDOW(true, "the caller was texted within the repeat window: not sent"),
    MISSING_MERGE_FIELD(true, "a merge field has no value and no default: not sent"),
    EMPTY_TEXT(true, "the text came out empty: not sent"),
    QUIET_HOURS(true, "quiet hours: the text waits until they end"),
    COMMAND_SENT(false, "a text was sent to messaging-service"),
    // What became of a text (from messaging-service's outcomes on sms.events)
    TEXT_ACCEPTED(false, "Twilio accepted the text"),
    TEXT_SENT(false, "the carrier took the text"),
    TEXT_DELIVERED(false, "the handset confirmed the text"),
    TEXT_FAILED(true, "the text failed"),
    TEXT_REJECTED(true, "the text was not sent by messaging-service"),
    END_STEP(false, "an end step ended the run"),
    // Ending early
    ENDED_BY_REPLY(true, "the contact replied by text: the waiting run ended"),
    ENDED_BY_OPT_OUT(true, "the contact opted out: the waiting run ended"),
    RUN_FAILED(true, "the run could not go on (an error, logged) and was stopped"),
    RUN_FINISHED(false, "the run finished");

    private final boolean decision;
    private final String meaning;

    JourneyKind(boolean decision, String meaning) {
        this.decision = decision;
        this.meaning = meaning;
    }

    /** A decision explains why something did or did not happen; the rest records what was done. */
    public boolean isDecision() {
        return decision;
    }

    public String meaning() {
        return meaning;
    }

    /** Its name in JSON and in metric labels: {@code re_entry_blocked}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package com.mctb.workflow.domain.engine;

import com.mctb.contracts.hours.BusinessHours;
import com.mctb.workflow.domain.merge.MergeFields;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/** What the steps of a run can see. */
public interface RunContext {

    /** The moment the steps are taken at: the missed call's time, or the moment a wait came to an end. */
    Instant now();

    /**
     * Whether the business is open at {@code at} by its opening hours (always open when it set none), and when that
     * next changes: {@link BusinessHours#status}, which a caller may remember between calls.
     */
    BusinessHours.Status openingAt(Instant at);

    /** The business's time zone (IANA id), for showing moments on its wall clock. */
    String timeZone();

    /** The contact's tags before this part of the run, in the order they were added. */
    Set<String> tags();

    /** The contact opted out of the account's texts. */
    boolean optedOut();

    /** The contact's missed calls in {@code window} up to {@link #now()}, this call included. */
    int callsWithin(Duration window);

    /** The values the texts are personalised with. */
    MergeFields mergeFields();

    /**
     * A text that reached (or is on its way to) this caller from another call less than {@code window} before or after
     * {@link #now()} (the call's moment): the latest before it, else the earliest after it — after it too, because calls
     * can be handled out of the order they happened in. A text that was refused or failed does not count.
     */
    Optional<PriorText> textedWithin(Duration window);

    /**
     * The workflow that texts this call instead, when this one does not text alongside others: activated earlier
     * and entered for this call, or already texted it. Empty when this run may text.
     */
    Optional<String> callTakenBy();

    /** The account's quiet hours for automated texts. */
    QuietHours quietHours();

    /** The caller's time zone: their own when it is known from their number, else the business's. */
    ZoneId callerZone();

    /** Where {@link #callerZone()} comes from, for the journey: "the business's time zone". */
    String callerZoneSource();

    /** A text sent to the caller before. */
    record PriorText(Instant at, String workflowName, String callSid) {
    }
}

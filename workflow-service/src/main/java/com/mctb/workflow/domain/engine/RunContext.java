package com.mctb.workflow.domain.engine;

import com.mctb.contracts.hours.BusinessHours;
import com.mctb.workflow.domain.merge.MergeFields;
import java.time.Duration;
import java.time.Instant;
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
}

package com.mctb.workflow.domain.definition;

import java.util.Optional;

/**
 * When a workflow texts: on every missed call, only on calls inside the business's hours, or only on calls outside
 * them. Decided on the call's own time (a 16:58 call to a workflow for business hours is its call even if a wait
 * makes its text go at 17:18), before the run starts, so a workflow that is not for this call neither runs nor
 * takes the call from another workflow.
 */
public enum TextWhen {
    ALWAYS("always"),
    DURING_BUSINESS_HOURS("during_business_hours"),
    OUTSIDE_BUSINESS_HOURS("outside_business_hours");

    private final String json;

    TextWhen(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    public static Optional<TextWhen> fromJson(String value) {
        for (TextWhen when : values()) {
            if (when.json.equals(value)) {
                return Optional.of(when);
            }
        }
        return Optional.empty();
    }

    /** Whether a call made while the business was {@code open} (or not) is this workflow's. */
    public boolean accepts(boolean open) {
        return this == ALWAYS || (this == DURING_BUSINESS_HOURS) == open;
    }

    /**
     * Why a call is not this workflow's, in the journey's words, or empty when it is.
     *
     * @param open      the business was open at the call
     * @param localTime the call's time on the business's wall clock, e.g. "Mon 2026-03-09 09:30 America/New_York"
     */
    public Optional<String> refusal(boolean open, String localTime) {
        if (accepts(open)) {
            return Optional.empty();
        }
        return Optional.of(open
                ? "the call came inside business hours (open at " + localTime + "), and this workflow texts only "
                        + "outside them"
                : "the call came outside business hours (closed at " + localTime + "), and this workflow texts only "
                        + "during them");
    }

    /** Two workflows with these settings can both take one call. */
    public boolean overlaps(TextWhen other) {
        return this == ALWAYS || other == ALWAYS || this == other;
    }
}

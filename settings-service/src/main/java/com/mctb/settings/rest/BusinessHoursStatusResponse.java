package com.mctb.settings.rest;

import java.time.Instant;

/**
 * Open or closed at an instant, and when that next changes.
 *
 * @param nextChange      the next opening or closing; null when it never changes (always open, or never open)
 * @param nextChangeLocal the same instant on the business's wall clock, with its offset
 * @param hoursSet        false: no hours are set and the business counts as always open
 */
public record BusinessHoursStatusResponse(Instant at, boolean open, Instant nextChange, String nextChangeLocal,
        String timeZone, boolean hoursSet) {
}

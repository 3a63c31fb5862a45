package com.mctb.contracts.hours;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A holiday or other exception: on {@code date} these intervals replace the weekday's (none: closed all day).
 * An overnight interval of the day before still runs into this date.
 */
public record DatedHours(LocalDate date, List<OpenInterval> intervals, String label) {

    public DatedHours {
        Objects.requireNonNull(date, "date is required");
        intervals = intervals == null ? List.of() : List.copyOf(intervals);
    }

    public static DatedHours closed(LocalDate date, String label) {
        return new DatedHours(date, List.of(), label);
    }
}

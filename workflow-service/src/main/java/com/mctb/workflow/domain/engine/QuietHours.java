package com.mctb.workflow.domain.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * An account's quiet hours for automated texts: no workflow text goes out between {@code start} and {@code end} on
 * the caller's wall clock (21:00 to 08:00 by default: the TCPA's and several states' calling hours). A text that
 * comes due inside them waits until they end.
 *
 * <p>Across daylight-saving changes the hours follow the wall clock: the end is the first moment the clock shows
 * {@code end} (a time in a skipped hour moves to the first moment after the gap, as {@link ZonedDateTime#of} does),
 * so a text never goes out before 08:00 local, whatever the offset that day.
 *
 * @param start the first minute of the quiet hours (local)
 * @param end   the first minute after them (local); before {@code start} when they run past midnight
 */
public record QuietHours(boolean enabled, LocalTime start, LocalTime end) {

    public static final LocalTime DEFAULT_START = LocalTime.of(21, 0);
    public static final LocalTime DEFAULT_END = LocalTime.of(8, 0);
    /** What an account that has set nothing gets: on, 21:00 to 08:00. */
    public static final QuietHours DEFAULT = new QuietHours(true, DEFAULT_START, DEFAULT_END);
    public static final QuietHours OFF = new QuietHours(false, DEFAULT_START, DEFAULT_END);

    public QuietHours {
        if (start == null || end == null) {
            throw new IllegalArgumentException("quiet hours need a start and an end");
        }
        if (start.equals(end)) {
            throw new IllegalArgumentException("quiet hours cannot start and end at the same time");
        }
    }

    /** Whether {@code time} of day is inside the quiet hours. */
    public boolean isQuiet(LocalTime time) {
        if (!enabled) {
            return false;
        }
        return start.isBefore(end)
                ? !time.isBefore(start) && time.isBefore(end)
                : !time.isBefore(start) || time.isBefore(end);
    }

    /**
     * When the quiet hours that {@code at} falls in end, in {@code zone}; empty when {@code at} is not inside them
     * (or they are off).
     */
    public Optional<Instant> endAfter(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        if (!isQuiet(local.toLocalTime())) {
            return Optional.empty();
        }
        LocalDate endDate = local.toLocalTime().isBefore(end) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
        Instant ends = ZonedDateTime.of(LocalDateTime.of(endDate, end), zone).toInstant();
        // In a repeated hour the end may resolve before the moment asked about; the later occurrence is the end then.
        if (!ends.isAfter(at)) {
            ends = ZonedDateTime.of(LocalDateTime.of(endDate, end), zone).withLaterOffsetAtOverlap().toInstant();
        }
        return ends.isAfter(at) ? Optional.of(ends) : Optional.empty();
    }

    /** "21:00–08:00". */
    public String describe() {
        return start + "–" + end;
    }
}

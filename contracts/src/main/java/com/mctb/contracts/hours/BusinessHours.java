package com.mctb.contracts.hours;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When a business is open: per weekday one or more intervals in the business's time zone (overnight ones run into
 * the next day), and dated exceptions that replace a weekday's intervals. The rule shared by settings-service (the
 * status endpoint) and workflow-service (in-hours branches, waits until opening); no framework in it.
 *
 * <p>Across daylight-saving changes, intervals are anchored to the wall clock: an opening in a skipped hour moves
 * to the first moment after the gap; in a repeated hour an interval opens at the first occurrence and closes at the
 * second, so it is never shorter than the owner wrote.
 */
public record BusinessHours(String timeZone, Map<DayOfWeek, List<OpenInterval>> weekly, List<DatedHours> exceptions) {

    /** How far ahead {@link #status} looks for the next change before it says "never". */
    private static final int HORIZON_DAYS = 400;

    public BusinessHours {
        ZoneId.of(timeZone);
        Map<DayOfWeek, List<OpenInterval>> copy = new EnumMap<>(DayOfWeek.class);
        if (weekly != null) {
            weekly.forEach((day, intervals) -> copy.put(day, intervals == null ? List.of() : List.copyOf(intervals)));
        }
        weekly = Map.copyOf(copy);
        exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
    }

    /** Open every minute of every day. */
    public static BusinessHours alwaysOpen(String timeZone) {
        Map<DayOfWeek, List<OpenInterval>> all = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            all.put(day, List.of(new OpenInterval(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)));
        }
        return new BusinessHours(timeZone, all, List.of());
    }

    @JsonIgnore
    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public boolean isOpen(Instant at) {
        return status(at).open();
    }

    /** Open or closed at {@code at}, and when that next changes (empty: it never does within a year). */
    public Status status(Instant at) {
        LocalDate today = at.atZone(zone()).toLocalDate();
        LocalDate last = today.plusDays(HORIZON_DAYS);
        Instant horizon = atZone(last, LocalTime.MIDNIGHT, true);
        List<Span> spans = mergedSpans(today.minusDays(1), last);
        for (Span span : spans) {
            if (!span.start().isAfter(at) && span.end().isAfter(at)) {
                return new Status(true, span.end().isBefore(horizon) ? Optional.of(span.end()) : Optional.empty());
            }
            if (span.start().isAfter(at)) {
                return new Status(false, Optional.of(span.start()));
            }
        }
        return new Status(false, Optional.empty());
    }

    /** The first moment at or after {@code at} when the business is open. */
    public Optional<Instant> nextOpening(Instant at) {
        Status status = status(at);
        return status.open() ? Optional.of(at) : status.nextChange();
    }

    /** The intervals that start on {@code date}: the exception's if one is set for it, else the weekday's. */
    public List<OpenInterval> intervalsOn(LocalDate date) {
        return exceptions.stream().filter(e -> e.date().equals(date)).findFirst()
                .map(DatedHours::intervals)
                .orElseGet(() -> weekly.getOrDefault(date.getDayOfWeek(), List.of()));
    }

    /** Opening spans as instants, starting on dates {@code from}..{@code to}, overlapping ones merged. */
    private List<Span> mergedSpans(LocalDate from, LocalDate to) {
        List<Span> spans = new ArrayList<>();
        for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
            for (OpenInterval interval : intervalsOn(date)) {
                Instant start = atZone(date, interval.opens(), true);
                LocalDate endDate = interval.crossesMidnight() ? date.plusDays(1) : date;
                Instant end = atZone(endDate, interval.closes(), false);
                if (end.isAfter(start)) {
                    spans.add(new Span(start, end));
                }
            }
        }
        spans.sort(Comparator.comparing(Span::start));
        List<Span> merged = new ArrayList<>();
        for (Span span : spans) {
            Span last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && !span.start().isAfter(last.end())) {
                merged.set(merged.size() - 1, new Span(last.start(), span.end().isAfter(last.end()) ? span.end() : last.end()));
            } else {
                merged.add(span);
            }
        }
        return merged;
    }

    /** Local wall-clock time to an instant: earliest offset for an opening, latest for a closing. */
    private Instant atZone(LocalDate date, LocalTime time, boolean opening) {
        ZonedDateTime zoned = ZonedDateTime.of(LocalDateTime.of(date, time), zone());
        if (!opening) {
            zoned = zoned.withLaterOffsetAtOverlap();
        }
        return zoned.toInstant();
    }

    /** Where the business stands at a moment. */
    public record Status(boolean open, Optional<Instant> nextChange) {
    }

    private record Span(Instant start, Instant end) {
    }
}

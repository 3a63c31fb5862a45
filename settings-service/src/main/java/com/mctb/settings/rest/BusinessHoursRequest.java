package com.mctb.settings.rest;

import com.mctb.contracts.hours.BusinessHours;
import com.mctb.contracts.hours.DatedHours;
import com.mctb.contracts.hours.OpenInterval;
import com.mctb.kit.rest.Problems;
import com.mctb.settings.domain.DayIntervals;
import com.mctb.settings.service.InvalidFieldsException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Business hours as an owner enters them, in the account's time zone. A weekday left out is closed. An interval
 * whose closing time is not after its opening runs past midnight (22:00-02:00); 00:00-00:00 is the whole day.
 */
public record BusinessHoursRequest(
        @Schema(description = "Per weekday (monday..sunday) the open intervals; a day left out or [] is closed",
                examples = "{\"monday\": [{\"opens\": \"09:00\", \"closes\": \"17:00\"}], \"friday\": [{\"opens\": \"22:00\", \"closes\": \"02:00\"}]}")
        Map<String, List<Interval>> weekly,
        @Schema(description = "Dated holidays and exceptions: their intervals replace the weekday's ([] closed)")
        List<Dated> exceptions) {

    static final int MAX_INTERVALS_PER_DAY = 8;
    static final int MAX_EXCEPTIONS = 400;

    /** Open from {@code opens} to {@code closes}, HH:mm. */
    public record Interval(@Schema(examples = "09:00") String opens, @Schema(examples = "17:00") String closes) {
    }

    /** A dated holiday or exception, yyyy-MM-dd. */
    public record Dated(@Schema(examples = "2026-12-25") String date, List<Interval> intervals,
            @Schema(examples = "Christmas") String label) {
    }

    /** The rule, or a 400 naming every field that is wrong. */
    BusinessHours toBusinessHours(String timeZone) {
        List<Problems.FieldError> errors = new ArrayList<>();
        Map<DayOfWeek, List<OpenInterval>> days = new EnumMap<>(DayOfWeek.class);
        if (weekly != null) {
            weekly.forEach((name, intervals) -> {
                String field = "weekly." + name;
                DayOfWeek day = dayOf(name);
                if (day == null) {
                    errors.add(new Problems.FieldError(field, "is not a weekday (monday..sunday)"));
                    return;
                }
                if (days.containsKey(day)) {
                    errors.add(new Problems.FieldError(field, "is given twice"));
                    return;
                }
                days.put(day, intervals(field, intervals, errors));
            });
        }
        List<DatedHours> dated = new ArrayList<>();
        if (exceptions != null) {
            if (exceptions.size() > MAX_EXCEPTIONS) {
                errors.add(new Problems.FieldError("exceptions", "at most " + MAX_EXCEPTIONS + " dated exceptions"));
            }
            Set<LocalDate> seen = new HashSet<>();
            for (int i = 0; i < exceptions.size(); i++) {
                String field = "exceptions[" + i + "]";
                Dated e = exceptions.get(i);
                if (e == null) {
                    errors.add(new Problems.FieldError(field, "must not be null"));
                    continue;
                }
                LocalDate date = null;
                try {
                    date = e.date() == null ? null : LocalDate.parse(e.date());
                } catch (DateTimeParseException ignored) {
                    // reported below
                }
                if (date == null) {
                    errors.add(new Problems.FieldError(field + ".date", "must be a date as yyyy-MM-dd"));
                } else if (!seen.add(date)) {
                    errors.add(new Problems.FieldError(field + ".date", date + " is given twice"));
                }
                if (e.label() != null && e.label().length() > 100) {
                    errors.add(new Problems.FieldError(field + ".label", "must be at most 100 characters"));
                }
                List<OpenInterval> intervals = intervals(field + ".intervals", e.intervals(), errors);
                if (date != null) {
                    dated.add(new DatedHours(date, intervals, e.label()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidFieldsException(errors);
        }
        return new BusinessHours(timeZone, days, dated);
    }

    private static List<OpenInterval> intervals(String field, List<Interval> given, List<Problems.FieldError> errors) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_INTERVALS_PER_DAY) {
            errors.add(new Problems.FieldError(field, "at most " + MAX_INTERVALS_PER_DAY + " intervals a day"));
            return List.of();
        }
        List<OpenInterval> intervals = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String at = field + "[" + i + "]";
            Interval interval = given.get(i);
            if (interval == null) {
                errors.add(new Problems.FieldError(at, "must not be null"));
                continue;
            }
            LocalTime opens = time(at + ".opens", interval.opens(), errors);
            LocalTime closes = time(at + ".closes", interval.closes(), errors);
            if (opens == null || closes == null) {
                continue;
            }
            if (opens.equals(closes) && !opens.equals(LocalTime.MIDNIGHT)) {
                errors.add(new Problems.FieldError(at, "opens and closes at " + opens
                        + "; use 00:00-00:00 for the whole day"));
                continue;
            }
            intervals.add(new OpenInterval(opens, closes));
        }
        DayIntervals.problem(intervals).ifPresent(problem -> errors.add(new Problems.FieldError(field, problem)));
        return intervals;
    }

    private static LocalTime time(String field, String value, List<Problems.FieldError> errors) {
        if (value != null && value.matches("^([01]\\d|2[0-3]):[0-5]\\d$")) {
            return LocalTime.parse(value);
        }
        errors.add(new Problems.FieldError(field, "must be a time as HH:mm (00:00-23:59)"));
        return null;
    }

    private static DayOfWeek dayOf(String name) {
        try {
            return name == null ? null : DayOfWeek.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

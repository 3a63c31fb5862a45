package com.mctb.settings.rest;

import com.mctb.contracts.hours.BusinessHours;
import com.mctb.contracts.hours.DatedHours;
import com.mctb.contracts.hours.OpenInterval;
import com.mctb.settings.persistence.Account;
import java.time.DayOfWeek;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The account's business hours.
 *
 * @param set    false when no hours are set: the business counts as always open (weekly and exceptions are empty)
 * @param weekly every weekday, monday first, with its intervals ([] closed)
 */
public record BusinessHoursResponse(String timeZone, boolean set, Map<String, List<BusinessHoursRequest.Interval>> weekly,
        List<BusinessHoursRequest.Dated> exceptions) {

    static BusinessHoursResponse of(Account account) {
        Optional<BusinessHours> hours = account.hours();
        Map<String, List<BusinessHoursRequest.Interval>> weekly = new LinkedHashMap<>();
        if (hours.isPresent()) {
            for (DayOfWeek day : DayOfWeek.values()) {
                weekly.put(day.name().toLowerCase(Locale.ROOT), intervals(hours.get().weekly().getOrDefault(day, List.of())));
            }
        }
        List<BusinessHoursRequest.Dated> exceptions = hours.map(h -> h.exceptions().stream()
                .sorted(java.util.Comparator.comparing(DatedHours::date))
                .map(d -> new BusinessHoursRequest.Dated(d.date().toString(), intervals(d.intervals()), d.label()))
                .toList()).orElse(List.of());
        return new BusinessHoursResponse(account.timeZone, hours.isPresent(), weekly, exceptions);
    }

    private static List<BusinessHoursRequest.Interval> intervals(List<OpenInterval> intervals) {
        return intervals.stream()
                .sorted(java.util.Comparator.comparing(OpenInterval::opens))
                .map(i -> new BusinessHoursRequest.Interval(i.opens().toString(), i.closes().toString()))
                .toList();
    }
}

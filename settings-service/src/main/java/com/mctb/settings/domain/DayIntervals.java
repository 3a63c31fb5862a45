package com.mctb.settings.domain;

import com.mctb.contracts.hours.OpenInterval;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The rule for one day's opening intervals as an owner enters them: they must not overlap (touching is fine,
 * 09:00-12:00 then 12:00-17:00), an overnight interval is the day's last (it runs to midnight and beyond), and
 * 00:00-00:00 (open all day) stands alone. contracts' BusinessHours would merge overlaps silently; refusing them
 * catches typos such as 09:00-17:00 and 13:00-21:00 meant for two different days.
 */
public final class DayIntervals {

    private DayIntervals() {
    }

    /** What is wrong with the day's intervals, if anything. */
    public static Optional<String> problem(List<OpenInterval> intervals) {
        List<OpenInterval> sorted = intervals.stream().sorted(Comparator.comparing(OpenInterval::opens)).toList();
        for (int i = 1; i < sorted.size(); i++) {
            OpenInterval before = sorted.get(i - 1);
            OpenInterval after = sorted.get(i);
            if (before.crossesMidnight() || after.opens().isBefore(before.closes())) {
                return Optional.of(show(before) + " overlaps " + show(after));
            }
        }
        return Optional.empty();
    }

    private static String show(OpenInterval interval) {
        return interval.opens() + "-" + interval.closes();
    }
}

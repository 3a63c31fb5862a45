package com.mctb.contracts.hours;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.LocalTime;
import java.util.Objects;

/**
 * One stretch of opening on a day, in the business's local time. When {@code closes} is not after {@code opens}
 * the interval runs past midnight into the next day (22:00–02:00); 00:00–00:00 is the whole day.
 */
public record OpenInterval(
        @JsonFormat(pattern = "HH:mm") LocalTime opens,
        @JsonFormat(pattern = "HH:mm") LocalTime closes) {

    public OpenInterval {
        Objects.requireNonNull(opens, "opens is required");
        Objects.requireNonNull(closes, "closes is required");
        if (opens.equals(closes) && !opens.equals(LocalTime.MIDNIGHT)) {
            throw new IllegalArgumentException("an interval cannot open and close at " + opens);
        }
    }

    public static OpenInterval of(String opens, String closes) {
        return new OpenInterval(LocalTime.parse(opens), LocalTime.parse(closes));
    }

    /** Runs into the next day. */
    public boolean crossesMidnight() {
        return !closes.isAfter(opens);
    }
}

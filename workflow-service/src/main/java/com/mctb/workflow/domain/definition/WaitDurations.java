package com.mctb.workflow.domain.definition;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How long a {@code wait} step waits: ISO-8601 ({@code PT20M}, {@code P2D}) or a number and a unit ({@code 20m}). */
public final class WaitDurations {

    public static final Duration SHORTEST = Duration.ofSeconds(1);
    public static final Duration LONGEST = Duration.ofDays(90);

    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})\\s*(s|m|h|d)");

    private WaitDurations() {
    }

    /** The duration, or empty when the text is neither form. Range is checked by {@link #checkRange}. */
    public static Optional<Duration> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.strip();
        Matcher m = SHORT.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return Optional.of(switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        try {
            return Optional.of(Duration.parse(t.toUpperCase(Locale.ROOT)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Why the duration cannot be waited, or empty. */
    public static Optional<String> checkRange(Duration d) {
        if (d.compareTo(SHORTEST) < 0) {
            return Optional.of("must be at least 1 second");
        }
        if (d.compareTo(LONGEST) > 0) {
            return Optional.of("must be at most 90 days");
        }
        return Optional.empty();
    }

    /** For people: "20 minutes", "1 day 2 hours", "45 seconds". */
    public static String describe(Duration d) {
        StringBuilder s = new StringBuilder();
        append(s, d.toDaysPart(), "day");
        append(s, d.toHoursPart(), "hour");
        append(s, d.toMinutesPart(), "minute");
        append(s, d.toSecondsPart(), "second");
        return s.isEmpty() ? "0 seconds" : s.toString();
    }

    private static void append(StringBuilder s, long n, String unit) {
        if (n > 0) {
            if (!s.isEmpty()) {
                s.append(' ');
            }
            s.append(n).append(' ').append(unit).append(n == 1 ? "" : "s");
        }
    }
}

package com.mctb.stack.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The soak's judgement of one figure sampled over the run (a process's RSS, a table's rows, …): its value at the
 * start (the first sample after the warm-up), the middle and the end, and whether it still grew in the second half
 * by more than a tolerance. A JVM's memory rises while it warms and then stays; a leak, or a table nothing prunes,
 * still rises in the second half as it did in the first.
 */
public final class Growth {

    /** What a figure is expected to do under steady load. */
    public enum Kind {
        /** Memory, connections, work queues (outbox rows): must level off; growth fails the soak. */
        BOUNDED,
        /** Rows kept per call (inbox, journal, messages): grow with traffic until a retention job prunes them. */
        RECORDS
    }

    /** One reading: minutes since the load started, and the value. */
    public record Sample(double minute, double value) {
    }

    /**
     * @param grows         it rose in the second half by more than the tolerance
     * @param perMinute     its rise per minute over the second half
     */
    public record Verdict(String name, Kind kind, String unit, double start, double middle, double end, boolean grows,
            double perMinute) {

        /** BOUNDED and growing: the soak fails. */
        public boolean fails() {
            return kind == Kind.BOUNDED && grows;
        }

        /** One line: start → middle → end, and what that means. */
        public String describe() {
            String figures = String.format(Locale.ROOT, "%s → %s → %s %s", number(start), number(middle), number(end), unit);
            if (!grows) {
                return figures + ": flat in the second half";
            }
            String rise = String.format(Locale.ROOT, "+%s %s/min in the second half", number(perMinute), unit);
            return figures + ": " + rise + (kind == Kind.BOUNDED ? " — GROWS WITHOUT BOUND"
                    : " — grows with traffic (kept rows: bounded only by pruning)");
        }

        private static String number(double v) {
            return Math.abs(v - Math.rint(v)) < 1e-9 ? String.format(Locale.ROOT, "%,d", (long) v)
                    : String.format(Locale.ROOT, "%,.1f", v);
        }
    }

    private Growth() {
    }

    /**
     * Judges {@code samples} (in time order) taken after {@code warmupMinutes}; earlier ones are not judged.
     *
     * @param absoluteTolerance a second-half rise up to this is noise (e.g. 16 MB of heap, 2 connections)
     * @param relativeTolerance … or up to this share of the middle value (e.g. 0.1)
     */
    public static Verdict judge(String name, Kind kind, String unit, List<Sample> samples, double warmupMinutes,
            double absoluteTolerance, double relativeTolerance) {
        List<Sample> judged = samples.stream().filter(s -> s.minute() >= warmupMinutes)
                .sorted(Comparator.comparingDouble(Sample::minute)).toList();
        if (judged.size() < 3) {
            judged = samples.stream().sorted(Comparator.comparingDouble(Sample::minute)).toList();
        }
        if (judged.isEmpty()) {
            throw new IllegalArgumentException(name + ": no samples");
        }
        Sample start = judged.get(0);
        Sample end = judged.get(judged.size() - 1);
        double halfway = (start.minute() + end.minute()) / 2;
        Sample middle = judged.stream().min(Comparator.comparingDouble(s -> Math.abs(s.minute() - halfway))).orElseThrow();
        double rise = end.value() - middle.value();
        double tolerance = Math.max(absoluteTolerance, relativeTolerance * Math.abs(middle.value()));
        double minutes = end.minute() - middle.minute();
        // A bounded figure that ends no higher than it already was before the middle (a pool that shrank after the
        // warm-up and took a few connections back: 70 → 35 → 41) went back to a level it had, which a leak never does.
        double firstHalfHighest = judged.stream().filter(s -> s.minute() <= middle.minute())
                .mapToDouble(Sample::value).max().orElse(middle.value());
        boolean withinEarlierRange = kind == Kind.BOUNDED && end.value() <= firstHalfHighest;
        return new Verdict(name, kind, unit, start.value(), middle.value(), end.value(),
                rise > tolerance && !withinEarlierRange,
                minutes <= 0 ? 0 : rise / minutes);
    }
}

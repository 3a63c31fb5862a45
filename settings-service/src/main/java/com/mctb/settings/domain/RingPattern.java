package com.mctb.settings.domain;

import com.mctb.contracts.phone.PhoneNumbers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Who a call to a number rings and in what order: all targets together for the call timeout (simultaneous, the
 * behaviour before ring patterns), or one after another, each for its own ring time (sequential). Every sequential
 * leg sits inside the call timeout that makes the call missed, so the missed-call decision still comes once, at the
 * end of the whole pattern.
 *
 * @param mode    simultaneous or sequential
 * @param targets in ring order; at most {@link #MAX_TARGETS}
 */
public record RingPattern(Mode mode, List<Target> targets) {

    public static final int MAX_TARGETS = 10;
    public static final int MIN_RING_SECONDS = 5;

    public enum Mode { SIMULTANEOUS, SEQUENTIAL }

    /**
     * One target: a phone number (E.164) or a team member (their mobile is rung), never both.
     *
     * @param ringSeconds how long this target rings in a sequential pattern; null in a simultaneous one (the call
     *                    timeout applies)
     */
    public record Target(String number, String userId, Integer ringSeconds) {
    }

    /** A refused field, named as in the request body ({@code ringPattern.targets[1].ringSeconds}). */
    public record Problem(String field, String message) {
    }

    public RingPattern {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    /**
     * How long a caller hears ringing before voicemail with this pattern and {@code timeoutSeconds}: the timeout, or
     * a sequential pattern's ring times added up, never more than the timeout (the call is missed then). A change
     * that would leave a pattern longer than its timeout is refused ({@link RingPatternOverrun}), but one saved
     * before that rule may still be.
     */
    public int ringingSeconds(int timeoutSeconds) {
        if (mode == Mode.SIMULTANEOUS || targets.isEmpty()) {
            return timeoutSeconds;
        }
        return Math.min(timeoutSeconds, totalRingSeconds());
    }

    /**
     * Whether the pattern fits a call timeout of {@code timeoutSeconds}: a sequential pattern's ring times add up to
     * at most the timeout (so each one is at most the timeout too); a simultaneous pattern rings for the timeout and
     * always fits.
     */
    public boolean fits(int timeoutSeconds) {
        return mode != Mode.SEQUENTIAL || totalRingSeconds() <= timeoutSeconds;
    }

    /** A sequential pattern's ring times added up (0 for a simultaneous one). */
    public int totalRingSeconds() {
        return targets.stream().mapToInt(t -> t.ringSeconds() == null ? 0 : t.ringSeconds()).sum();
    }

    /**
     * Checks a pattern as given and returns it with every number in E.164 (parsed by libphonenumber, US as the
     * default region), or the problems found, each naming its field.
     *
     * @param timeoutSeconds the call timeout that applies where the pattern is set
     * @param knownUser      whether a user id is one of the account's users
     */
    public static Checked check(RingPattern given, int timeoutSeconds, Predicate<String> knownUser) {
        return check(given, timeoutSeconds, knownUser, null);
    }

    /**
     * As {@link #check(RingPattern, int, Predicate)}, and a team member must have a mobile to be rung, and may not be
     * in the pattern twice as themself and as their own number.
     *
     * @param mobileOf a known user's mobile in E.164, or null when they have none; null: not checked
     */
    public static Checked check(RingPattern given, int timeoutSeconds, Predicate<String> knownUser,
            Function<String, String> mobileOf) {
        List<Problem> problems = new ArrayList<>();
        if (given.mode() == null) {
            problems.add(new Problem("ringPattern.mode", "must be SIMULTANEOUS or SEQUENTIAL"));
        }
        if (given.targets().size() > MAX_TARGETS) {
            problems.add(new Problem("ringPattern.targets", "at most " + MAX_TARGETS + " targets"));
        }
        boolean sequential = given.mode() == Mode.SEQUENTIAL;
        List<Target> normalized = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < given.targets().size(); i++) {
            String field = "ringPattern.targets[" + i + "]";
            Target target = given.targets().get(i);
            if (target == null) {
                problems.add(new Problem(field, "must not be null"));
                continue;
            }
            String number = null;
            String identity = null;
            if ((target.number() == null) == (target.userId() == null)) {
                problems.add(new Problem(field, "must name either a number or a userId"));
            } else if (target.number() != null) {
                Optional<String> e164 = PhoneNumbers.toE164(target.number(), "US");
                if (e164.isEmpty()) {
                    problems.add(new Problem(field + ".number", "must be a phone number (E.164: +15551234567); "
                            + target.number() + " is not"));
                } else {
                    number = e164.get();
                    identity = "number:" + number;
                }
            } else if (!knownUser.test(target.userId())) {
                problems.add(new Problem(field + ".userId", "is not one of the account's users: " + target.userId()));
            } else if (mobileOf != null && mobileOf.apply(target.userId()) == null) {
                problems.add(new Problem(field + ".userId", target.userId() + " has no mobile to ring: add one to "
                        + "the team member first"));
            } else {
                identity = mobileOf != null ? "number:" + mobileOf.apply(target.userId()) : "user:" + target.userId();
            }
            if (identity != null && !seen.add(identity)) {
                problems.add(new Problem(field, "is already in the pattern: " + (number != null ? number
                        : target.userId() + (mobileOf != null ? " (" + identity.substring(7) + ")" : ""))));
            }
            Integer ring = target.ringSeconds();
            if (sequential && ring == null) {
                problems.add(new Problem(field + ".ringSeconds", "is required in a sequential pattern"));
            } else if (ring != null && (ring < MIN_RING_SECONDS || ring > timeoutSeconds)) {
                problems.add(new Problem(field + ".ringSeconds", "must be between " + MIN_RING_SECONDS
                        + " seconds and the call timeout (" + timeoutSeconds + " s); " + ring + " is not"));
            }
            normalized.add(new Target(number, target.number() == null ? target.userId() : null,
                    sequential ? ring : null));
        }
        if (sequential && problems.isEmpty()) {
            int total = new RingPattern(Mode.SEQUENTIAL, normalized).totalRingSeconds();
            if (total > timeoutSeconds) {
                problems.add(new Problem("ringPattern.targets", "ring for " + total + " s in all, longer than the "
                        + "call timeout (" + timeoutSeconds + " s) that makes the call missed"));
            }
        }
        return problems.isEmpty() ? new Checked(new RingPattern(given.mode(), normalized), List.of())
                : new Checked(null, List.copyOf(problems));
    }

    /** A checked pattern, or what was wrong with it. */
    public record Checked(RingPattern pattern, List<Problem> problems) {
    }
}

package com.mctb.gateway.domain;

import com.mctb.contracts.event.CallSettingsChanged;
import com.mctb.contracts.event.CallSettingsChanged.RingPattern;
import com.mctb.contracts.event.CallSettingsChanged.RingTarget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The legs a call to one number rings, in order, from its ring pattern. Simultaneous (also a record from before ring
 * patterns): one leg ringing every target together for the call's timeout. Sequential: one leg per target with a
 * number, each for its own ring time, cut so that all of them fit in the call's timeout (a target past it is not
 * rung); the call is missed only when the last leg was not answered by a person.
 *
 * @param sequential whether the legs ring one after another (each {@code <Dial>} posts to leg-complete)
 * @param legs       at least one leg, unless nobody can be rung
 */
public record RingLegs(boolean sequential, List<Leg> legs) {

    /**
     * One {@code <Dial>}: who it rings and for how long.
     *
     * @param index       0 for the first leg
     * @param numbers     E.164 numbers or {@code client:identity}s rung together
     * @param userId      the team member a sequential leg rings, or null
     * @param ringSeconds the {@code <Dial timeout>}
     * @param members     of the numbers rung, those that are a team member's mobile, with the member's user id
     */
    public record Leg(int index, List<String> numbers, String userId, int ringSeconds, Map<String, String> members) {

        public Leg {
            numbers = List.copyOf(numbers);
            members = Map.copyOf(members);
        }

        public Leg(int index, List<String> numbers, String userId, int ringSeconds) {
            this(index, numbers, userId, ringSeconds, userId == null || numbers.size() != 1 ? Map.of()
                    : Map.of(numbers.get(0), userId));
        }

        /** The number this leg rang when it rang only one (who answered it), else null. */
        public String onlyNumber() {
            return numbers.size() == 1 ? numbers.get(0) : null;
        }

        /** The team member whose mobile {@code number} is, when it is one this leg rang; else null. */
        public String memberAt(String number) {
            return number == null ? null : members.get(number);
        }
    }

    public RingLegs {
        legs = List.copyOf(legs);
    }

    /** The legs of a call to the number with these settings. */
    public static RingLegs of(CallSettingsChanged settings) {
        RingPattern pattern = settings.ringPattern();
        int timeout = settings.timeoutSeconds();
        if (pattern != null && RingPattern.SEQUENTIAL.equals(pattern.mode())) {
            List<Leg> legs = new ArrayList<>();
            int left = timeout;
            for (RingTarget target : pattern.targets()) {
                if (target.number() == null || target.number().isBlank()) {
                    continue; // a team member without a mobile: skipped
                }
                if (left <= 0) {
                    break;
                }
                int seconds = target.ringSeconds() == null || target.ringSeconds() <= 0 ? left
                        : Math.min(target.ringSeconds(), left);
                legs.add(new Leg(legs.size(), List.of(target.number()), target.userId(), seconds));
                left -= seconds;
            }
            return new RingLegs(true, legs);
        }
        List<String> numbers = new ArrayList<>();
        Map<String, String> members = new HashMap<>();
        String userId = null;
        if (pattern != null && !pattern.targets().isEmpty()) {
            for (RingTarget target : pattern.targets()) {
                if (target.number() != null && !target.number().isBlank() && !numbers.contains(target.number())) {
                    numbers.add(target.number());
                    userId = pattern.targets().size() == 1 ? target.userId() : null;
                    if (target.userId() != null) {
                        members.put(target.number(), target.userId());
                    }
                }
            }
        } else {
            numbers.addAll(settings.forwardTo());
        }
        return new RingLegs(false, numbers.isEmpty() ? List.of()
                : List.of(new Leg(0, numbers, userId, timeout, members)));
    }

    public boolean isEmpty() {
        return legs.isEmpty();
    }

    /** The leg with this index, if the pattern has it. */
    public java.util.Optional<Leg> leg(int index) {
        return index >= 0 && index < legs.size() ? java.util.Optional.of(legs.get(index)) : java.util.Optional.empty();
    }
}

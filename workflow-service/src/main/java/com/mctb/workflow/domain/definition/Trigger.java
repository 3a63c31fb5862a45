package com.mctb.workflow.domain.definition;

import com.mctb.contracts.event.DialStatus;
import java.util.Optional;
import java.util.Set;

/**
 * When a workflow starts: on a missed call, optionally only to some of the account's numbers, only for some dial
 * statuses, and only when the caller left (or did not leave) a voicemail.
 *
 * @param numbers      the account's numbers this workflow listens to; empty: all of them
 * @param dialStatuses the missed-call statuses it starts on; empty: every one
 */
public record Trigger(Set<String> numbers, Set<DialStatus> dialStatuses, Voicemail voicemail) {

    public static final Trigger ANY_MISSED_CALL = new Trigger(Set.of(), Set.of(), Voicemail.ANY);

    public Trigger {
        numbers = Set.copyOf(numbers);
        dialStatuses = Set.copyOf(dialStatuses);
    }

    /** Why a missed call does not start this workflow, or empty when it does (the voicemail filter aside). */
    public Optional<String> mismatch(String calledNumber, DialStatus dialStatus) {
        if (!numbers.isEmpty() && !numbers.contains(calledNumber)) {
            return Optional.of("the call was to " + calledNumber + ", a number this workflow does not listen to");
        }
        if (!dialStatuses.isEmpty() && !dialStatuses.contains(dialStatus)) {
            return Optional.of("the call ended '" + dialStatus.twilioName() + "', a dial status this workflow ignores");
        }
        return Optional.empty();
    }

    /** Whether the workflow depends on a voicemail having been left, which may be known only after the call. */
    public boolean waitsForVoicemail() {
        return voicemail != Voicemail.ANY;
    }

    /** The voicemail filter. */
    public enum Voicemail {
        ANY("any"),
        LEFT("left"),
        NOT_LEFT("not_left");

        private final String json;

        Voicemail(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }

        /** Whether a call with ({@code left}) or without a voicemail passes this filter. */
        public boolean accepts(boolean left) {
            return this == ANY || (this == LEFT) == left;
        }

        public static Optional<Voicemail> fromJson(String value) {
            for (Voicemail v : values()) {
                if (v.json.equals(value)) {
                    return Optional.of(v);
                }
            }
            return Optional.empty();
        }
    }
}

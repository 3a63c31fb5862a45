package com.mctb.workflow.domain.definition;

import java.time.Duration;

/** What an {@code if} step asks. */
public sealed interface Condition {

    String type();

    record WithinBusinessHours() implements Condition {
        @Override
        public String type() {
            return "within_business_hours";
        }
    }

    record OutsideBusinessHours() implements Condition {
        @Override
        public String type() {
            return "outside_business_hours";
        }
    }

    record HasTag(String tag) implements Condition {
        @Override
        public String type() {
            return "has_tag";
        }
    }

    record LacksTag(String tag) implements Condition {
        @Override
        public String type() {
            return "lacks_tag";
        }
    }

    /**
     * The contact's missed calls in the last {@code window} (this call included) are at least {@code atLeast} and at
     * most {@code atMost} (either may be absent, not both).
     */
    record CallCount(Duration window, Integer atLeast, Integer atMost) implements Condition {
        @Override
        public String type() {
            return "call_count";
        }

        public boolean holdsFor(int calls) {
            return (atLeast == null || calls >= atLeast) && (atMost == null || calls <= atMost);
        }
    }

    /**
     * The caller was already texted within the workflow's repeat window, from another call (a text that was refused or
     * failed does not count).
     */
    record WithinRepeatWindow() implements Condition {
        @Override
        public String type() {
            return "within_repeat_window";
        }
    }
}

package com.mctb.workflow.domain.definition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether two missed-call workflows can both text for one call: both text, neither texts alongside others, and some
 * call matches both (their numbers, dial statuses, voicemail filters and hours meet). For such a call only the one
 * activated first texts, so activating the second warns.
 */
public final class Overlap {

    private Overlap() {
    }

    /** Why one call could be taken by both, in the owner's words, or empty when none can. */
    public static Optional<String> between(WorkflowDefinition a, WorkflowDefinition b) {
        if (!a.sendsTexts() || !b.sendsTexts() || a.textAlongside() || b.textAlongside()) {
            return Optional.empty();
        }
        Trigger ta = a.trigger();
        Trigger tb = b.trigger();
        if (!meet(ta.numbers(), tb.numbers()) || !meet(ta.dialStatuses(), tb.dialStatuses())) {
            return Optional.empty();
        }
        boolean voicemailMeets = ta.voicemail() == Trigger.Voicemail.ANY || tb.voicemail() == Trigger.Voicemail.ANY
                || ta.voicemail() == tb.voicemail();
        if (!voicemailMeets || !a.when().overlaps(b.when())) {
            return Optional.empty();
        }
        List<String> what = new ArrayList<>();
        what.add(ta.numbers().isEmpty() && tb.numbers().isEmpty() ? "calls to any number"
                : "calls to " + String.join(", ", common(ta.numbers(), tb.numbers())));
        TextWhen when = a.when() == TextWhen.ALWAYS ? b.when() : a.when();
        if (when == TextWhen.DURING_BUSINESS_HOURS) {
            what.add("inside business hours");
        } else if (when == TextWhen.OUTSIDE_BUSINESS_HOURS) {
            what.add("outside business hours");
        }
        return Optional.of(String.join(" ", what));
    }

    /** Two filters where empty means "all" have a value in common. */
    private static <T> boolean meet(Set<T> x, Set<T> y) {
        if (x.isEmpty() || y.isEmpty()) {
            return true;
        }
        Set<T> both = new HashSet<>(x);
        both.retainAll(y);
        return !both.isEmpty();
    }

    private static List<String> common(Set<String> x, Set<String> y) {
        if (x.isEmpty()) {
            return y.stream().sorted().toList();
        }
        if (y.isEmpty()) {
            return x.stream().sorted().toList();
        }
        return x.stream().filter(y::contains).sorted().toList();
    }
}

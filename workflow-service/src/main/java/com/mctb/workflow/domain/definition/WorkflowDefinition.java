package com.mctb.workflow.domain.definition;

import java.util.ArrayList;
import java.util.List;

/**
 * One version of a workflow as its account wrote it (see {@link DefinitionParser} for the JSON).
 *
 * @param allowReEntry a contact already inside this workflow may enter it again with a new call (off by default:
 *                     a redial while a run is in flight starts nothing)
 * @param endOnReply   a reply by text or an opt-out ends the contact's waiting runs of this workflow
 */
public record WorkflowDefinition(String name, String description, Trigger trigger, List<Step> steps,
        boolean allowReEntry, boolean endOnReply) {

    public WorkflowDefinition {
        steps = List.copyOf(steps);
    }

    /** A run of it can stop to wait (a wait step, or a trigger that waits to learn of a voicemail). */
    public boolean canWait() {
        return trigger.waitsForVoicemail() || allSteps().stream().anyMatch(Step.Wait.class::isInstance);
    }

    /** Every step, depth first, branches included. */
    public List<Step> allSteps() {
        List<Step> all = new ArrayList<>();
        collect(steps, all);
        return all;
    }

    private static void collect(List<Step> steps, List<Step> into) {
        for (Step step : steps) {
            into.add(step);
            if (step instanceof Step.If branch) {
                collect(branch.then(), into);
                collect(branch.otherwise(), into);
            }
        }
    }
}

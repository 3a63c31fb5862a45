package com.mctb.workflow.domain.definition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One version of a workflow as its account wrote it (see {@link DefinitionParser} for the JSON).
 *
 * @param allowReEntry a contact already inside this workflow may enter it again with a new call (off by default:
 *                     a redial while a run is in flight starts nothing)
 * @param endOnReply   a reply by text or an opt-out ends the contact's waiting runs of this workflow
 * @param when         whether it takes every missed call, or only those inside (or outside) business hours
 * @param repeatWindow a caller texted (by any of the account's workflows, from another call, and not refused or
 *                     failed) within this long before gets no text from it: "at most once per N"
 * @param textAlongside it texts even when an earlier-activated workflow texts for the same call (off: one call, one
 *                     text-back)
 */
public record WorkflowDefinition(String name, String description, Trigger trigger, List<Step> steps,
        boolean allowReEntry, boolean endOnReply, TextWhen when, Duration repeatWindow, boolean textAlongside) {

    /** What a definition that names no repeat window gets, stored ones included. */
    public static final Duration DEFAULT_REPEAT_WINDOW = Duration.ofHours(24);
    public static final Duration SHORTEST_REPEAT_WINDOW = Duration.ofHours(1);
    public static final Duration LONGEST_REPEAT_WINDOW = Duration.ofDays(90);

    public WorkflowDefinition {
        steps = List.copyOf(steps);
        when = when == null ? TextWhen.ALWAYS : when;
        repeatWindow = repeatWindow == null ? DEFAULT_REPEAT_WINDOW : repeatWindow;
    }

    public WorkflowDefinition(String name, String description, Trigger trigger, List<Step> steps, boolean allowReEntry,
            boolean endOnReply) {
        this(name, description, trigger, steps, allowReEntry, endOnReply, TextWhen.ALWAYS, DEFAULT_REPEAT_WINDOW,
                false);
    }

    /** It has a step that texts. */
    public boolean sendsTexts() {
        return allSteps().stream().anyMatch(Step.SendText.class::isInstance);
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

package com.mctb.workflow.domain.engine;

import com.mctb.contracts.event.Channel;
import com.mctb.contracts.hours.BusinessHours;
import com.mctb.workflow.domain.definition.Condition;
import com.mctb.workflow.domain.definition.Step;
import com.mctb.workflow.domain.definition.WaitDurations;
import com.mctb.workflow.domain.journey.JourneyKind;
import com.mctb.workflow.domain.merge.MergeFields;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a workflow's steps from one place to its next wait or its end. Pure: it reads only its {@link RunContext} and
 * returns what it did; the caller stores the effects and the run's new place in one transaction.
 */
public final class StepEngine {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ROOT);

    private StepEngine() {
    }

    public static Advance advance(Program program, int from, RunContext ctx) {
        List<Effect> effects = new ArrayList<>();
        Set<String> tags = new LinkedHashSet<>(ctx.tags());
        int pc = from;
        while (pc < program.size()) {
            Program.Instruction instruction = program.at(pc);
            if (instruction instanceof Program.Jump jump) {
                pc = jump.to();
            } else if (instruction instanceof Program.Branch branch) {
                boolean holds = evaluate(branch.step(), program.repeatWindow(), ctx, tags, effects);
                pc = holds ? pc + 1 : branch.elseAt();
            } else {
                Step step = ((Program.Act) instruction).step();
                if (step instanceof Step.Wait wait) {
                    Optional<Advance.Waiting> waiting = waitFor(wait, pc + 1, ctx, effects);
                    if (waiting.isPresent()) {
                        return new Advance(effects, tags, waiting.get());
                    }
                    if (wait.untilBusinessHoursOpen() && !ctx.openingAt(ctx.now()).open()) {
                        return new Advance(effects, tags, new Advance.Finished());
                    }
                } else if (step instanceof Step.AddTag add) {
                    effects.add(new Effect.TagAdded(add.id(), add.tag(), tags.add(add.tag())));
                } else if (step instanceof Step.RemoveTag remove) {
                    effects.add(new Effect.TagRemoved(remove.id(), remove.tag(), tags.remove(remove.tag())));
                } else if (step instanceof Step.SendText send) {
                    Optional<Advance.Waiting> quiet = send(send, pc, program, ctx, effects);
                    if (quiet.isPresent()) {
                        return new Advance(effects, tags, quiet.get());
                    }
                } else if (step instanceof Step.End end) {
                    effects.add(new Effect.Ended(end.id()));
                    return new Advance(effects, tags, new Advance.Finished());
                } else {
                    throw new IllegalStateException("no instruction for step " + step.id());
                }
                pc++;
            }
        }
        return new Advance(effects, tags, new Advance.Finished());
    }

    /** Empty when there is nothing to wait for (a wait until opening while open); a decision says why. */
    private static Optional<Advance.Waiting> waitFor(Step.Wait wait, int resumeAt, RunContext ctx, List<Effect> effects) {
        if (!wait.untilBusinessHoursOpen()) {
            return Optional.of(new Advance.Waiting(resumeAt, ctx.now().plus(wait.duration()), WaitKind.DURATION,
                    wait.id()));
        }
        String zone = ctx.timeZone();
        BusinessHours.Status status = ctx.openingAt(ctx.now());
        if (status.open()) {
            effects.add(new Effect.Decision(wait.id(), JourneyKind.WITHIN_HOURS,
                    "open at " + local(ctx.now(), zone) + ": no wait"));
            return Optional.empty();
        }
        if (status.nextChange().isEmpty()) {
            effects.add(new Effect.Decision(wait.id(), JourneyKind.OUTSIDE_HOURS,
                    "closed at " + local(ctx.now(), zone) + " and not open within a year: the run ends"));
            return Optional.empty();
        }
        Instant opens = status.nextChange().get();
        effects.add(new Effect.Decision(wait.id(), JourneyKind.OUTSIDE_HOURS,
                "closed at " + local(ctx.now(), zone) + "; waiting until it opens at " + local(opens, zone)));
        return Optional.of(new Advance.Waiting(resumeAt, opens, WaitKind.BUSINESS_HOURS, wait.id()));
    }

    private static boolean evaluate(Step.If step, Duration repeatWindow, RunContext ctx, Set<String> tags,
            List<Effect> effects) {
        Condition condition = step.condition();
        String id = step.id();
        if (condition instanceof Condition.WithinBusinessHours) {
            return hoursDecision(id, ctx, effects);
        }
        if (condition instanceof Condition.OutsideBusinessHours) {
            return !hoursDecision(id, ctx, effects);
        }
        if (condition instanceof Condition.HasTag has) {
            boolean present = tags.contains(has.tag());
            effects.add(tagDecision(id, has.tag(), present));
            return present;
        }
        if (condition instanceof Condition.LacksTag lacks) {
            boolean present = tags.contains(lacks.tag());
            effects.add(tagDecision(id, lacks.tag(), present));
            return !present;
        }
        if (condition instanceof Condition.WithinRepeatWindow) {
            Optional<RunContext.PriorText> prior = ctx.textedWithin(repeatWindow);
            effects.add(new Effect.Decision(id, prior.isPresent() ? JourneyKind.TEXTED_RECENTLY
                    : JourneyKind.NOT_TEXTED_RECENTLY, prior.map(p -> texted(p, ctx) + ", within the repeat window of "
                            + WaitDurations.describe(repeatWindow))
                    .orElse("not texted in the last " + WaitDurations.describe(repeatWindow) + " (the repeat window)")));
            return prior.isPresent();
        }
        Condition.CallCount count = (Condition.CallCount) condition;
        int calls = ctx.callsWithin(count.window());
        boolean holds = count.holdsFor(calls);
        String wanted = (count.atLeast() != null ? "at least " + count.atLeast() : "")
                + (count.atLeast() != null && count.atMost() != null ? " and " : "")
                + (count.atMost() != null ? "at most " + count.atMost() : "");
        effects.add(new Effect.Decision(id, holds ? JourneyKind.CALL_COUNT_MET : JourneyKind.CALL_COUNT_NOT_MET,
                calls + " missed call" + (calls == 1 ? "" : "s") + " in the last "
                        + WaitDurations.describe(count.window()) + "; wanted " + wanted));
        return holds;
    }

    private static boolean hoursDecision(String id, RunContext ctx, List<Effect> effects) {
        String zone = ctx.timeZone();
        BusinessHours.Status status = ctx.openingAt(ctx.now());
        String next = status.nextChange().map(at -> (status.open() ? "; closes " : "; opens ") + local(at, zone))
                .orElse("");
        effects.add(new Effect.Decision(id, status.open() ? JourneyKind.WITHIN_HOURS : JourneyKind.OUTSIDE_HOURS,
                (status.open() ? "open" : "closed") + " at " + local(ctx.now(), zone) + next));
        return status.open();
    }

    private static Effect tagDecision(String id, String tag, boolean present) {
        return new Effect.Decision(id, present ? JourneyKind.TAG_PRESENT : JourneyKind.TAG_ABSENT,
                "the contact " + (present ? "has" : "lacks") + " tag '" + tag + "'");
    }

    /**
     * A text step: not sent when the contact opted out, another workflow texts this call, the caller was texted within
     * the repeat window, or a merge field has no value and no default; held until the quiet hours end when it comes
     * due inside them (the run waits at this step and asks all of it again then); otherwise one text per channel.
     *
     * @return the wait for the end of the quiet hours, if any
     */
    private static Optional<Advance.Waiting> send(Step.SendText send, int pc, Program program, RunContext ctx,
            List<Effect> effects) {
        if (ctx.optedOut()) {
            effects.add(new Effect.Decision(send.id(), JourneyKind.OPTED_OUT,
                    "the contact opted out of the account's texts: not sent"));
            return Optional.empty();
        }
        Optional<String> takenBy = ctx.callTakenBy();
        if (takenBy.isPresent()) {
            effects.add(new Effect.Decision(send.id(), JourneyKind.ANOTHER_WORKFLOW_TEXTS, "not sent: '"
                    + takenBy.get() + "' texts this call (one call, one text-back: the workflow activated first "
                    + "texts; this one texts alongside others only with textAlongside)"));
            return Optional.empty();
        }
        Optional<RunContext.PriorText> prior = ctx.textedWithin(program.repeatWindow());
        if (prior.isPresent()) {
            effects.add(new Effect.Decision(send.id(), JourneyKind.REPEAT_WINDOW, "not sent: " + texted(prior.get(), ctx)
                    + ", and this workflow texts a caller at most once per "
                    + WaitDurations.describe(program.repeatWindow())));
            return Optional.empty();
        }
        MergeFields fields = ctx.mergeFields();
        java.util.Set<String> missing = send.body().missing(fields);
        if (!missing.isEmpty()) {
            String names = missing.stream().map(f -> "{{" + f + "}}").collect(java.util.stream.Collectors.joining(", "));
            effects.add(new Effect.Decision(send.id(), JourneyKind.MISSING_MERGE_FIELD, "not sent: " + names
                    + (missing.size() == 1 ? " has" : " have") + " no value here and the text gives no default (write "
                    + "{{" + missing.iterator().next() + " | default: \"…\"}}), so it would have a gap"));
            return Optional.empty();
        }
        String body = send.body().render(fields);
        if (body.isBlank()) {
            effects.add(new Effect.Decision(send.id(), JourneyKind.EMPTY_TEXT,
                    "the text is empty once its merge fields are filled in: not sent"));
            return Optional.empty();
        }
        QuietHours quiet = ctx.quietHours();
        ZoneId zone = ctx.callerZone();
        Optional<Instant> quietUntil = quiet.endAfter(ctx.now(), zone);
        if (quietUntil.isPresent()) {
            effects.add(new Effect.Decision(send.id(), JourneyKind.QUIET_HOURS, "quiet hours (" + quiet.describe()
                    + " in " + ctx.callerZoneSource() + ", " + zone.getId() + "): it is " + local(ctx.now(), zone.getId())
                    + ", so the text waits until " + local(quietUntil.get(), zone.getId())));
            return Optional.of(new Advance.Waiting(pc, quietUntil.get(), WaitKind.QUIET_HOURS, send.id()));
        }
        for (Channel channel : send.channels()) {
            effects.add(new Effect.Text(send.textId(channel), channel, send.from(), body,
                    channel == Channel.WHATSAPP && send.smsFallback()));
        }
        return Optional.empty();
    }

    /** "texted 3 hours 5 minutes ago by 'Missed Call Text Back' (call CA…)". */
    private static String texted(RunContext.PriorText prior, RunContext ctx) {
        // Rounded to the second: a stored moment has microseconds, the call's has nanoseconds.
        Duration ago = Duration.between(prior.at(), ctx.now()).plusMillis(500).withNanos(0);
        String when;
        if (ago.isZero()) {
            when = "just now";
        } else if (ago.isNegative()) {
            // A later call of this caller that was handled first (calls can arrive out of order).
            when = "for a call " + roughly(ago.negated()) + " after this one";
        } else {
            when = roughly(ago) + " ago";
        }
        return "texted " + when + (prior.workflowName() == null ? "" : " by '" + prior.workflowName() + "'")
                + (prior.callSid() == null ? "" : " (call " + prior.callSid() + ")");
    }

    /** "3 hours 5 minutes", "42 seconds": to the minute past an hour, else to the second. */
    private static String roughly(Duration d) {
        return WaitDurations.describe(d.truncatedTo(
                d.toHours() > 0 ? java.time.temporal.ChronoUnit.MINUTES : java.time.temporal.ChronoUnit.SECONDS));
    }

    /** A moment on the business's wall clock, with its zone: "Mon 2026-03-09 09:30 America/New_York". */
    public static String local(Instant at, String zone) {
        return ZonedDateTime.ofInstant(at, java.time.ZoneId.of(zone)).format(LOCAL) + " " + zone;
    }
}

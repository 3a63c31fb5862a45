package com.mctb.workflow.domain.engine;

import com.mctb.contracts.hours.BusinessHours;
import com.mctb.workflow.domain.definition.Condition;
import com.mctb.workflow.domain.definition.Step;
import com.mctb.workflow.domain.definition.WaitDurations;
import com.mctb.workflow.domain.journey.JourneyKind;
import java.time.Instant;
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
                boolean holds = evaluate(branch.step(), ctx, tags, effects);
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
                    send(send, ctx, effects);
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

    private static boolean evaluate(Step.If step, RunContext ctx, Set<String> tags, List<Effect> effects) {
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

    private static void send(Step.SendText send, RunContext ctx, List<Effect> effects) {
        if (ctx.optedOut()) {
            effects.add(new Effect.Decision(send.id(), JourneyKind.OPTED_OUT,
                    "the contact opted out of the account's texts: not sent"));
            return;
        }
        String body = send.body().render(ctx.mergeFields());
        if (body.isBlank()) {
            effects.add(new Effect.Decision(send.id(), JourneyKind.EMPTY_TEXT,
                    "the text is empty once its merge fields are filled in: not sent"));
            return;
        }
        effects.add(new Effect.Text(send.id(), send.channel(), send.from(), body, send.smsFallback()));
    }

    /** A moment on the business's wall clock, with its zone: "Mon 2026-03-09 09:30 America/New_York". */
    static String local(Instant at, String zone) {
        return ZonedDateTime.ofInstant(at, java.time.ZoneId.of(zone)).format(LOCAL) + " " + zone;
    }
}

package com.mctb.workflow.service;

import com.mctb.contracts.Keys;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.Channel;
import com.mctb.contracts.event.MessageCause;
import com.mctb.contracts.event.SendMessage;
import com.mctb.contracts.hours.BusinessHours;
import com.mctb.contracts.phone.PhoneNumbers;
import com.mctb.contracts.sms.SmsSegments;
import com.mctb.kit.outbox.Outbox;
import com.mctb.workflow.conversation.ConversationLog;
import com.mctb.workflow.conversation.Sender;
import com.mctb.workflow.domain.RunIds;
import com.mctb.workflow.domain.definition.WaitDurations;
import com.mctb.workflow.domain.engine.Advance;
import com.mctb.workflow.domain.engine.Effect;
import com.mctb.workflow.domain.engine.QuietHours;
import com.mctb.workflow.domain.engine.RunContext;
import com.mctb.workflow.domain.engine.RunOutcome;
import com.mctb.workflow.domain.engine.StepEngine;
import com.mctb.workflow.domain.journey.JourneyKind;
import com.mctb.workflow.domain.merge.MergeFields;
import com.mctb.workflow.metrics.WorkflowMetrics;
import com.mctb.workflow.persistence.BusinessProfile;
import com.mctb.workflow.persistence.Contact;
import com.mctb.workflow.persistence.MissedCall;
import com.mctb.workflow.persistence.WorkflowRun;
import com.mctb.kit.tx.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Takes a run from one place to its next wait or its end, in the caller's transaction: the steps' tag changes go to
 * the (locked) contact, each text becomes a SendMessage in the outbox with an id derived from the run and the step,
 * and every decision and command goes to the call's journey.
 *
 * <p>Called only inside a transaction (the handlers' and the poller's); not intercepted, as it is on the hot path.
 */
@ApplicationScoped
public class RunExecutor {

    private static final Logger LOG = Logger.getLogger(RunExecutor.class);

    @Inject
    Outbox outbox;

    @Inject
    Journal journal;

    @Inject
    WorkflowMetrics metrics;

    @Inject
    AfterCommit afterCommit;

    @Inject
    OpeningHours openingHours;

    @Inject
    SentTexts sentTexts;

    @Inject
    BatchCache batch;

    @Inject
    ConversationLog conversation;

    /**
     * @param from       the instruction to start at
     * @param at         the moment the steps are taken at (the call's time, or when a wait ended)
     * @param atTheCall  true while handling the missed call itself: its texts carry the call's time, which starts
     *                   speed-to-lead; texts after a wait do not (the wait is no delay of ours)
     * @return the ids of the commands sent
     */
    public List<String> advance(WorkflowRun run, CompiledWorkflow workflow, int from, Contact contact, BusinessProfile profile,
            Instant at, boolean atTheCall) {
        Advance advance = StepEngine.advance(workflow.program(), from,
                new LiveContext(at, contact, profile, run, workflow, atTheCall, this));
        List<String> commands = new ArrayList<>(1);
        for (Effect effect : advance.effects()) {
            apply(effect, run, workflow, contact, profile, at, atTheCall, commands);
        }
        contact.setTags(advance.tags());
        Instant now = Instant.now();
        contact.updatedAt = now;
        if (advance.next() instanceof Advance.Waiting waiting) {
            run.waitUntil(waiting.due(), waiting.kind(), waiting.stepId(), waiting.pointer(), now);
            String wait = waiting.due().isAfter(at)
                    ? WaitDurations.describe(Duration.between(at, waiting.due()).withNanos(0)) + ", " : "";
            journal.run(run, JourneyKind.WAITING, waiting.stepId(), "waiting " + wait + "until " + waiting.due(), null);
        } else {
            finish(run, run.textsSent > 0 ? RunOutcome.TEXTED : RunOutcome.NOT_TEXTED, null);
        }
        return commands;
    }

    /** Ends a run, recording how. */
    public void finish(WorkflowRun run, RunOutcome outcome, String detail) {
        run.finish(outcome, Instant.now());
        journal.run(run, JourneyKind.RUN_FINISHED, null, outcome.label() + (detail == null ? "" : ": " + detail), null);
        afterCommit.run(() -> metrics.runFinished(outcome));
    }

    private void apply(Effect effect, WorkflowRun run, CompiledWorkflow workflow, Contact contact,
            BusinessProfile profile, Instant at, boolean atTheCall, List<String> commands) {
        if (effect instanceof Effect.Decision decision) {
            journal.run(run, decision.kind(), decision.stepId(), decision.detail(), null);
        } else if (effect instanceof Effect.TagAdded added) {
            journal.run(run, JourneyKind.TAG_ADDED, added.stepId(), "tag '" + added.tag() + "'"
                    + (added.changed() ? " added" : " already there"), null);
        } else if (effect instanceof Effect.TagRemoved removed) {
            // A tag removed that the contact did not have changed nothing (the template's first call): no entry.
            if (removed.changed()) {
                journal.run(run, JourneyKind.TAG_REMOVED, removed.stepId(), "tag '" + removed.tag() + "' removed", null);
            }
        } else if (effect instanceof Effect.Ended ended) {
            journal.run(run, JourneyKind.END_STEP, ended.stepId(), "the workflow ends here", null);
        } else if (effect instanceof Effect.Text text) {
            commands.add(send(text, run, workflow, contact, profile, at, atTheCall));
        }
    }

    private String send(Effect.Text text, WorkflowRun run, CompiledWorkflow workflow, Contact contact,
            BusinessProfile profile, Instant at, boolean atTheCall) {
        String fallbackFrom = profile != null ? profile.sendingNumber(run.calledNumber) : run.calledNumber;
        String from = text.from().orElse(fallbackFrom);
        String note = "";
        if (text.from().isPresent() && profile != null && !profile.numbers.contains(from)) {
            note = " (" + from + " is no longer the account's: sent from " + fallbackFrom + ")";
            from = fallbackFrom;
        }
        String commandId = RunIds.command(run.id, text.stepId());
        SendMessage command = new SendMessage(commandId, run.accountId, text.channel(), from, contact.phone,
                text.body(), MessageCause.WORKFLOW, run.callSid, atTheCall ? run.missedAt : null, Instant.now(),
                text.channel() == Channel.WHATSAPP ? text.smsFallback() : null);
        outbox.publish(Topics.SMS_COMMANDS, Keys.accountAndPhone(run.accountId, contact.phone), command);
        sentTexts.add(new SentTexts.Text(commandId, run.accountId, contact.id, run.callSid, run.id, run.workflowId,
                workflow.name(), text.stepId(), text.channel(), true, workflow.definition().textAlongside(), at));
        conversation.textQueuedAtCommit(command, contact.id, Sender.workflow(run.workflowId, run.workflowVersion, text.stepId()));
        run.textsSent++;
        SmsSegments.Count count = SmsSegments.count(text.body());
        journal.run(run, JourneyKind.COMMAND_SENT, text.stepId(), text.channel() + " from " + from + ": "
                + count.segments() + " segment" + (count.segments() == 1 ? "" : "s") + " (" + count.encoding().label()
                + ")" + (text.smsFallback() ? ", may fall back to SMS" : "") + note, commandId);
        afterCommit.run(() -> metrics.commandPublished(text.channel(), MessageCause.WORKFLOW));
        LOG.debugf("call %s: workflow %s v%d sends %s %s to %s", run.callSid, run.workflowId, run.workflowVersion,
                text.channel(), commandId, PhoneNumbers.mask(contact.phone));
        return commandId;
    }

    /** What a run sees: the contact as locked in this transaction, the business's copy, the call's history. */
    private static final class LiveContext implements RunContext {

        private final Instant at;
        private final Contact contact;
        private final BusinessProfile profile;
        private final WorkflowRun run;
        private final CompiledWorkflow workflow;
        private final boolean atTheCall;
        private final RunExecutor services;

        LiveContext(Instant at, Contact contact, BusinessProfile profile, WorkflowRun run, CompiledWorkflow workflow,
                boolean atTheCall, RunExecutor services) {
            this.at = at;
            this.contact = contact;
            this.profile = profile;
            this.run = run;
            this.workflow = workflow;
            this.atTheCall = atTheCall;
            this.services = services;
        }

        @Override
        public Instant now() {
            return at;
        }

        @Override
        public BusinessHours.Status openingAt(Instant moment) {
            return services.openingHours.at(profile, moment);
        }

        @Override
        public String timeZone() {
            return OpeningHours.timeZone(profile);
        }

        @Override
        public Set<String> tags() {
            return new java.util.LinkedHashSet<>(contact.tags);
        }

        @Override
        public boolean optedOut() {
            return contact.optedOut;
        }

        @Override
        public int callsWithin(Duration window) {
            return MissedCall.countFor(contact.id, window, at);
        }

        @Override
        public MergeFields mergeFields() {
            return new MergeFields(contact.firstName, contact.lastName, contact.phone,
                    profile == null ? null : profile.businessName, run.calledNumber);
        }

        @Override
        public Optional<PriorText> textedWithin(Duration window) {
            // A caller on their first call has no texts from other calls but those of this transaction.
            return services.sentTexts.nearest(contact.id, run.callSid, at, window, contact.callCount != 1);
        }

        @Override
        public Optional<String> callTakenBy() {
            if (workflow.definition().textAlongside()) {
                return Optional.empty();
            }
            if (run.yieldsTo != null) {
                return Optional.of(run.yieldsTo);
            }
            // At the call every run of it is in this transaction; after a wait another may have texted since.
            return services.sentTexts.callTextedBy(run.callSid, run.id, !atTheCall);
        }

        @Override
        public QuietHours quietHours() {
            return services.batch.quietHours(run.accountId);
        }

        @Override
        public ZoneId callerZone() {
            return ZoneId.of(timeZone());
        }

        @Override
        public String callerZoneSource() {
            // The caller's own zone would come from their number (libphonenumber's PhoneNumberToTimeZonesMapper, in
            // its geocoder artifact), which Maven Central does not serve for this libphonenumber here: so the
            // business's, as the rule allows when the caller's cannot be known.
            return "the business's time zone";
        }
    }
}

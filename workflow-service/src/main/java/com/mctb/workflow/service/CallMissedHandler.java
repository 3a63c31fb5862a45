package com.mctb.workflow.service;

import com.mctb.contracts.Keys;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.Channel;
import com.mctb.contracts.event.MessageCause;
import com.mctb.contracts.event.SendMessage;
import com.mctb.contracts.phone.PhoneNumbers;
import com.mctb.kit.kafka.EventHandler;
import com.mctb.kit.outbox.Outbox;
import com.mctb.workflow.conversation.ConversationLog;
import com.mctb.workflow.conversation.Notifications;
import com.mctb.workflow.domain.conversation.NotificationText;
import com.mctb.workflow.conversation.Sender;
import com.mctb.workflow.config.WorkflowConfig;
import com.mctb.workflow.domain.RunIds;
import com.mctb.workflow.domain.definition.MissedCallTextBack;
import com.mctb.workflow.domain.definition.TextWhen;
import com.mctb.workflow.domain.definition.Trigger;
import com.mctb.workflow.domain.engine.ReEntryPolicy;
import com.mctb.workflow.domain.engine.RunOutcome;
import com.mctb.workflow.domain.engine.WaitKind;
import com.mctb.workflow.domain.journey.JourneyKind;
import com.mctb.workflow.domain.merge.MergeFields;
import com.mctb.workflow.domain.merge.MergeTemplate;
import com.mctb.workflow.domain.merge.TemplateException;
import com.mctb.workflow.metrics.WorkflowMetrics;
import com.mctb.workflow.persistence.BusinessProfile;
import com.mctb.workflow.persistence.Contact;
import com.mctb.workflow.persistence.MissedCall;
import com.mctb.workflow.persistence.WorkflowRun;
import com.mctb.kit.tx.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * A missed call, inside the poll batch's transaction (the call's own row is its inbox: a call handled before is
 * left alone): the caller becomes (or is found as) a contact, the call is recorded and put into the contact's
 * conversation (the team is told of it), and then either the legacy toggle's text goes out, or every active
 * missed-call workflow whose trigger matches starts a run for the caller, unless the caller is already inside it.
 * A run goes as far as its first wait here; texts it sends are written to the outbox in this transaction. Every
 * step of the way is written to the call's journey.
 */
@ApplicationScoped
public class CallMissedHandler implements EventHandler<CallMissed> {

    private static final Logger LOG = Logger.getLogger(CallMissedHandler.class);

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    ConversationLog conversation;

    @Inject
    WorkflowCatalog catalog;

    @Inject
    RunExecutor executor;

    @Inject
    Journal journal;

    @Inject
    WorkflowMetrics metrics;

    @Inject
    AfterCommit afterCommit;

    @Inject
    WorkflowConfig config;

    @Inject
    BatchCache batch;

    @Inject
    CallWrites writes;

    @Inject
    SentTexts sentTexts;

    @Inject
    OpeningHours openingHours;

    @Inject
    Notifications notifications;

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void handle(CallMissed missed) {
        Instant now = Instant.now();
        if (missed.callerWithheld() || PhoneNumbers.isWithheld(missed.from())) {
            if (MissedCall.recordWithheld(missed, now)) {
                journal.call(missed.accountId(), missed.callSid(), JourneyKind.WITHHELD_NUMBER,
                        "the caller withheld their number: there is nobody to text");
                LOG.debugf("call %s: caller withheld their number; nobody to text", missed.callSid());
            }
            return;
        }
        Optional<Contact.Called> first = writes.called(missed, now);
        if (first.isEmpty()) {
            LOG.debugf("call %s: handled before (a redelivery); nothing to do", missed.callSid());
            return;
        }
        Contact.Called called = first.get();
        Contact contact = called.contact();
        List<String> tagsBefore = List.copyOf(contact.tags);
        BusinessProfile profile = batch.profile(missed.accountId());
        if (called.inConversation()) {
            tellTheTeam(missed, contact, profile);
        }
        if (profile == null) {
            awaitBusinessProfile(missed, contact, now);
            return;
        }
        List<CompiledWorkflow.Active> workflows = batch.activeWorkflows(missed.accountId());
        handle(missed, contact, profile, workflows, called.voicemailLeft());
        if (!contact.tags.equals(tagsBefore)) {
            writes.tags(contact);
        }
    }

    /**
     * The call is in the contact's conversation now (written with the contact and the call): the number's user (or
     * the team) is told of it by a text. Without the account's Business Profile nobody is known to tell yet; they are
     * told when it arrives ({@link #handleAfterProfileArrived}).
     */
    private void tellTheTeam(CallMissed missed, Contact contact, BusinessProfile profile) {
        if (profile == null || profile.team == null) {
            return;
        }
        String name = ((contact.firstName == null ? "" : contact.firstName) + " "
                + (contact.lastName == null ? "" : contact.lastName)).strip();
        notifications.notify(Notifications.Kind.MISSED_CALL, missed.eventId(), profile, missed.accountId(),
                missed.to(), contact.phone, NotificationText.missedCall(name.isEmpty() ? null : name, contact.phone,
                        profile.businessName));
    }

    /**
     * The account's Business Profile has not reached this service yet, so neither its name (for the texts), its hours
     * nor its legacy toggle are known: the call waits for it as a durable timer (a run of no workflow), woken when
     * the profile arrives and handled then as if it had just come in; failed with the reason if the profile does
     * not come within {@code mctb.workflow.business-profile-wait}.
     */
    private void awaitBusinessProfile(CallMissed missed, Contact contact, Instant now) {
        WorkflowRun run = new WorkflowRun();
        run.id = RunIds.run(RunIds.AWAITING_BUSINESS_PROFILE, missed.callSid());
        if (writes.started(run.id)) {
            return;
        }
        run.accountId = missed.accountId();
        run.workflowId = RunIds.AWAITING_BUSINESS_PROFILE;
        run.contactId = contact.id;
        run.callSid = missed.callSid();
        run.calledNumber = missed.to();
        run.missedAt = missed.occurredAt();
        run.createdAt = now;
        Instant giveUp = now.plus(config.businessProfileWait());
        run.waitUntil(giveUp, WaitKind.BUSINESS_PROFILE, null, 0, now);
        journal.run(run, JourneyKind.AWAITING_BUSINESS_PROFILE, null, "the account's Business Profile (its name, "
                + "hours and legacy toggle) has not reached workflow-service yet: the call waits for it, until "
                + giveUp + " at most, rather than be texted with a gap where the business's name goes", null);
        writes.started(run);
        if (LOG.isDebugEnabled()) {
            LOG.debugf("call %s from %s: the account's Business Profile is not here yet; the call waits for it",
                    missed.callSid(), PhoneNumbers.mask(missed.from()));
        }
    }

    /**
     * A call that waited for its account's Business Profile, now that it is here: handled as it would have been on
     * arrival, at the call's own time (inside the poller's transaction; the contact is locked).
     */
    void handleAfterProfileArrived(WorkflowRun waited, Contact contact, BusinessProfile profile) {
        MissedCall call = MissedCall.findById(waited.callSid);
        CallMissed missed = new CallMissed(waited.callSid, waited.accountId, contact.phone, waited.calledNumber,
                com.mctb.contracts.event.DialStatus.fromTwilio(call.dialStatus).orElse(
                        com.mctb.contracts.event.DialStatus.NO_ANSWER), null, false, waited.missedAt);
        List<String> tagsBefore = List.copyOf(contact.tags);
        tellTheTeam(missed, contact, profile);
        handle(missed, contact, profile, batch.activeWorkflows(waited.accountId), call.voicemailSid != null);
        if (!contact.tags.equals(tagsBefore)) {
            writes.tags(contact);
        }
    }

    private void handle(CallMissed missed, Contact contact, BusinessProfile profile, List<CompiledWorkflow.Active> workflows,
            boolean voicemailLeft) {

        if (profile != null && profile.legacyTextBackEnabled) {
            legacyToggle(missed, contact, profile, workflows);
            return;
        }
        if (workflows.isEmpty()) {
            journal.call(missed.accountId(), missed.callSid(), JourneyKind.NO_ACTIVE_WORKFLOW,
                    "no missed-call workflow is active and the legacy toggle is off: no text (enable the "
                            + MissedCallTextBack.NAME + " template or activate a workflow)");
            if (LOG.isDebugEnabled()) {
                LOG.debugf("call %s from %s: no active workflow and the legacy toggle off; not texted",
                        missed.callSid(), PhoneNumbers.mask(missed.from()));
            }
            return;
        }
        Summary summary = new Summary();
        for (CompiledWorkflow.Active workflow : workflows) {
            enter(workflow, missed, contact, profile, voicemailLeft, summary);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debugf("call %s from %s: %d workflow(s) entered, %d refused by re-entry, %d not matched; texts %s",
                    missed.callSid(), PhoneNumbers.mask(missed.from()), summary.entered, summary.reEntryBlocked,
                    summary.notMatched, summary.commands);
        }
    }

    /** What one call did, for its one log line. */
    private static final class Summary {
        int entered;
        int reEntryBlocked;
        int notMatched;
        final List<String> commands = new java.util.ArrayList<>(1);
        /** The first-activated texting workflow that entered: for this call, only it texts (one call, one text-back). */
        String takenBy;
    }

    private void enter(CompiledWorkflow.Active active, CallMissed missed, Contact contact, BusinessProfile profile,
            boolean voicemailLeft, Summary summary) {
        CompiledWorkflow workflow = active.current();
        String workflowId = workflow.workflowId().toString();
        Trigger trigger = workflow.definition().trigger();
        Optional<String> mismatch = trigger.mismatch(missed.to(), missed.dialStatus());
        if (mismatch.isPresent()) {
            journal.workflow(missed.accountId(), missed.callSid(), JourneyKind.TRIGGER_NOT_MATCHED, workflowId,
                    workflow.version(), "'" + workflow.name() + "' not started: " + mismatch.get());
            summary.notMatched++;
            return;
        }
        Optional<String> notItsHours = hoursRefusal(workflow, missed, profile);
        if (notItsHours.isPresent()) {
            journal.workflow(missed.accountId(), missed.callSid(), JourneyKind.HOURS_NOT_MATCHED, workflowId,
                    workflow.version(), "'" + workflow.name() + "' not started: " + notItsHours.get());
            summary.notMatched++;
            return;
        }
        UUID runId = RunIds.run(workflowId, missed.callSid());
        // A replay of this call is dropped by its missed_call row (CallWrites.called) before it gets here; a workflow
        // that never waits has no run in flight to look for, which spares the hot path a query.
        Runs existing = active.mayWait() ? runs(runId, contact.id, workflowId) : Runs.NONE;
        if (writes.started(runId)) {
            return;
        }
        if (existing.inFlight().isEmpty() && active.mayWait()) {
            // A redial earlier in this same poll batch: its run is written when the batch commits.
            existing = new Runs(false, writes.waitingRun(contact.id, workflowId));
        }
        if (existing.thisCall()) {
            return; // a replay of a call already handled (after a profile's wait): the run exists
        }
        Optional<String> refusal = ReEntryPolicy.refusal(workflow.definition().allowReEntry(), existing.inFlight());
        if (refusal.isPresent()) {
            journal.workflow(missed.accountId(), missed.callSid(), JourneyKind.RE_ENTRY_BLOCKED, workflowId,
                    workflow.version(), "'" + workflow.name() + "' not entered: " + refusal.get());
            afterCommit.run(metrics::runBlockedByReEntry);
            summary.reEntryBlocked++;
            return;
        }
        Instant now = Instant.now();
        WorkflowRun run = new WorkflowRun();
        run.id = runId;
        run.accountId = missed.accountId();
        run.workflowId = workflowId;
        run.workflowVersion = workflow.version();
        run.contactId = contact.id;
        run.callSid = missed.callSid();
        run.calledNumber = missed.to();
        run.missedAt = missed.occurredAt();
        run.createdAt = now;
        run.updatedAt = now;
        journal.run(run, JourneyKind.WORKFLOW_ENTERED, null, "entered '" + workflow.name() + "' version "
                + workflow.version(), null);
        claim(run, workflow, trigger.waitsForVoicemail() && !voicemailLeft, summary);
        afterCommit.run(metrics::runStarted);
        summary.entered++;
        if (trigger.waitsForVoicemail() && !voicemailLeft) {
            run.waitUntil(missed.occurredAt().plus(config.voicemail().window()), WaitKind.VOICEMAIL, null, 0, now);
            journal.run(run, JourneyKind.AWAITING_VOICEMAIL, null, "the workflow starts only if the caller "
                    + (trigger.voicemail() == Trigger.Voicemail.LEFT ? "leaves" : "does not leave")
                    + " a voicemail; waiting for it until " + run.dueAt, null);
        } else if (trigger.waitsForVoicemail() && !trigger.voicemail().accepts(true)) {
            journal.run(run, JourneyKind.VOICEMAIL_LEFT, null, "the caller left a voicemail", null);
            executor.finish(run, RunOutcome.TRIGGER_NOT_MATCHED, "the workflow is for callers who leave no voicemail");
        } else {
            if (trigger.waitsForVoicemail()) {
                journal.run(run, JourneyKind.VOICEMAIL_LEFT, null, "the caller left a voicemail", null);
            }
            summary.commands.addAll(executor.advance(run, workflow, 0, contact, profile, missed.occurredAt(), true));
        }
        writes.started(run);
    }

    /** The legacy toggle: its message to every missed call, no wait and no filters, marked as the toggle's. */
    private void legacyToggle(CallMissed missed, Contact contact, BusinessProfile profile,
            List<CompiledWorkflow.Active> workflows) {
        String notRun = workflows.isEmpty() ? "" : "; the active workflows ("
                + workflows.stream().map(w -> "'" + w.current().name() + "'").collect(Collectors.joining(", "))
                + ") do not run while it is on";
        journal.call(missed.accountId(), missed.callSid(), JourneyKind.LEGACY_TOGGLE,
                "the Business Profile's Missed Call Text Back toggle is on: its message, with no wait and no filters"
                        + notRun);
        if (contact.optedOut) {
            journal.call(missed.accountId(), missed.callSid(), JourneyKind.OPTED_OUT,
                    "the contact opted out of the account's texts: not sent");
            return;
        }
        String body = legacyMessage(profile.legacyTextBackMessage).render(new MergeFields(contact.firstName,
                contact.lastName, contact.phone, profile.businessName, missed.to()));
        UUID legacyRun = RunIds.run(RunIds.LEGACY_TOGGLE, missed.callSid());
        String commandId = RunIds.command(legacyRun, RunIds.LEGACY_SEND_STEP);
        // From the number the caller dialled: that is the number they expect an answer from.
        SendMessage command = new SendMessage(commandId, missed.accountId(), Channel.SMS, missed.to(), contact.phone,
                body, MessageCause.LEGACY_TOGGLE, missed.callSid(), missed.occurredAt(), Instant.now(), null);
        outbox.publish(Topics.SMS_COMMANDS, Keys.accountAndPhone(missed.accountId(), contact.phone), command);
        sentTexts.add(new SentTexts.Text(commandId, missed.accountId(), contact.id, missed.callSid(), legacyRun,
                RunIds.LEGACY_TOGGLE, "the legacy toggle", RunIds.LEGACY_SEND_STEP, Channel.SMS, false, true,
                missed.occurredAt()));
        conversation.textQueuedAtCommit(command, contact.id, Sender.legacyToggle());
        journal.call(missed.accountId(), missed.callSid(), JourneyKind.COMMAND_SENT, "SMS from " + missed.to()
                + ", sent because of the legacy toggle", commandId);
        afterCommit.run(() -> metrics.commandPublished(Channel.SMS, MessageCause.LEGACY_TOGGLE));
        if (LOG.isDebugEnabled()) {
            LOG.debugf("call %s: legacy toggle sends %s to %s", missed.callSid(), commandId,
                    PhoneNumbers.mask(contact.phone));
        }
    }

    /**
     * One call, one text-back: the first workflow (in activation order) that texts, does not text alongside others
     * and entered for this call takes it; later ones that would text yield to it (their runs go on, without texting,
     * and say why). A run still waiting to learn of a voicemail does not take the call yet.
     */
    private static void claim(WorkflowRun run, CompiledWorkflow workflow, boolean undecided, Summary summary) {
        if (!workflow.definition().sendsTexts() || workflow.definition().textAlongside()) {
            return;
        }
        if (summary.takenBy != null) {
            run.yieldsTo = summary.takenBy;
        } else if (!undecided) {
            summary.takenBy = workflow.name();
        }
    }

    /** Why the call is not this workflow's by the hours it texts in ({@code when}), on the call's own time. */
    private Optional<String> hoursRefusal(CompiledWorkflow workflow, CallMissed missed, BusinessProfile profile) {
        TextWhen when = workflow.definition().when();
        if (when == TextWhen.ALWAYS) {
            return Optional.empty();
        }
        boolean open = openingHours.at(profile, missed.occurredAt()).open();
        return when.refusal(open, com.mctb.workflow.domain.engine.StepEngine.local(missed.occurredAt(), OpeningHours.timeZone(profile)));
    }

    /** The toggle's message as a template; one that is not a valid template is sent as it is written. */
    private static MergeTemplate legacyMessage(String message) {
        if (message == null || message.isBlank()) {
            return MergeTemplate.parse(MissedCallTextBack.IN_HOURS_BODY);
        }
        try {
            return MergeTemplate.parse(message);
        } catch (TemplateException e) {
            return MergeTemplate.literal(message);
        }
    }

    /** One query for both: this call's run of the workflow (a replay), and the contact's run in flight. */
    private Runs runs(UUID runId, UUID contactId, String workflowId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, status from workflow_run where id = ?1 "
                        + "or (contact_id = ?2 and workflow_id = ?3 and status = 'WAITING') limit 2")
                .setParameter(1, runId)
                .setParameter(2, contactId)
                .setParameter(3, workflowId)
                .getResultList();
        boolean thisCall = false;
        UUID inFlight = null;
        for (Object[] row : rows) {
            UUID id = (UUID) row[0];
            if (id.equals(runId)) {
                thisCall = true;
            } else {
                inFlight = id;
            }
        }
        return new Runs(thisCall, Optional.ofNullable(inFlight));
    }

    private record Runs(boolean thisCall, Optional<UUID> inFlight) {
        static final Runs NONE = new Runs(false, Optional.empty());
    }
}

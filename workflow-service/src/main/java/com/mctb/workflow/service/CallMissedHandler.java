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
import com.mctb.workflow.domain.DefaultTextBack;
import com.mctb.workflow.domain.RunIds;
import com.mctb.workflow.persistence.BusinessProfile;
import com.mctb.workflow.persistence.Contact;
import com.mctb.workflow.persistence.WorkflowRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A missed call: the caller becomes (or is found as) a contact, and the account's missed-call text-back runs for
 * them, ending in a SendMessage written to the outbox in the same transaction.
 */
@ApplicationScoped
public class CallMissedHandler implements EventHandler<CallMissed> {

    private static final Logger LOG = Logger.getLogger(CallMissedHandler.class);

    @Inject
    Outbox outbox;

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void handle(CallMissed missed) {
        if (missed.callerWithheld()) {
            LOG.infof("call %s: caller withheld their number; nobody to text", missed.callSid());
            return;
        }
        Instant now = Instant.now();
        Contact contact = Contact.byPhone(missed.accountId(), missed.from())
                .orElseGet(() -> Contact.create(missed.accountId(), missed.from()));
        contact.callCount++;
        contact.lastCallAt = missed.occurredAt();
        contact.updatedAt = now;
        contact.persist();

        UUID runId = RunIds.run(DefaultTextBack.WORKFLOW_ID, missed.callSid());
        if (WorkflowRun.findById(runId) != null) {
            return;
        }
        WorkflowRun run = new WorkflowRun();
        run.id = runId;
        run.accountId = missed.accountId();
        run.workflowId = DefaultTextBack.WORKFLOW_ID;
        run.contactId = contact.id;
        run.callSid = missed.callSid();
        run.status = WorkflowRun.Status.FINISHED;
        run.createdAt = now;
        run.updatedAt = now;
        run.persist();

        BusinessProfile profile = BusinessProfile.findById(missed.accountId());
        String body = DefaultTextBack.message(contact.firstName, profile == null ? null : profile.businessName);
        SendMessage command = new SendMessage(RunIds.command(runId, DefaultTextBack.SEND_STEP), missed.accountId(),
                Channel.SMS, missed.to(), missed.from(), body, MessageCause.WORKFLOW, missed.callSid(),
                missed.occurredAt(), now, null);
        outbox.publish(Topics.SMS_COMMANDS, Keys.accountAndPhone(missed.accountId(), missed.from()), command);
        LOG.infof("call %s: text-back %s to %s", missed.callSid(), command.commandId(), PhoneNumbers.mask(missed.from()));
    }
}

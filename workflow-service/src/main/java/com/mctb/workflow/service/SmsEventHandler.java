package com.mctb.workflow.service;

import com.mctb.contracts.event.InboundMessage;
import com.mctb.contracts.event.OptedOut;
import com.mctb.contracts.event.SmsEvent;
import com.mctb.contracts.phone.PhoneNumbers;
import com.mctb.kit.kafka.EventHandler;
import com.mctb.workflow.domain.engine.RunOutcome;
import com.mctb.workflow.domain.journey.JourneyKind;
import com.mctb.workflow.persistence.Contact;
import com.mctb.workflow.persistence.WorkflowRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What messaging-service tells about contacts: a reply by text ends their waiting runs of every workflow that says
 * so ({@code endOnReply}); an opt-out does the same and marks the contact, so no step texts them while they are
 * opted out (an opt-in clears the mark). The other events on {@code sms.events} are not this service's concern.
 */
@ApplicationScoped
public class SmsEventHandler implements EventHandler<SmsEvent> {

    private static final Logger LOG = Logger.getLogger(SmsEventHandler.class);

    @Inject
    EntityManager em;

    @Inject
    WorkflowCatalog catalog;

    @Inject
    RunExecutor executor;

    @Inject
    Journal journal;

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void handle(SmsEvent event) {
        if (event instanceof InboundMessage inbound) {
            contactId(inbound.accountId(), phone(inbound.from())).ifPresent(contact ->
                    endWaitingRuns(inbound.accountId(), contact, RunOutcome.ENDED_BY_REPLY, JourneyKind.ENDED_BY_REPLY,
                            "the contact replied by text (" + inbound.messageSid() + ")"));
        } else if (event instanceof OptedOut opt) {
            optedOut(opt);
        }
    }

    private void optedOut(OptedOut opt) {
        String phone = phone(opt.phone());
        Instant now = Instant.now();
        if (opt.optedOut()) {
            Optional<UUID> known = contactId(opt.accountId(), phone);
            known.ifPresent(contact -> endWaitingRuns(opt.accountId(), contact, RunOutcome.ENDED_BY_OPT_OUT,
                    JourneyKind.ENDED_BY_OPT_OUT, "the contact opted out (" + opt.keyword() + ")"));
            // Remembered even for someone who never called: their first missed call must not be texted either.
            Contact contact = Contact.lockOrCreate(opt.accountId(), phone, now);
            contact.optedOut = true;
            contact.optedOutAt = opt.at();
            contact.updatedAt = now;
        } else {
            Contact.lockedByPhone(opt.accountId(), phone).ifPresent(contact -> {
                contact.optedOut = false;
                contact.optedOutAt = null;
                contact.updatedAt = now;
            });
        }
        LOG.infof("contact %s of account %s opted %s", PhoneNumbers.mask(phone), opt.accountId(),
                opt.optedOut() ? "out" : "back in");
    }

    /** Ends the contact's waiting runs of every workflow that ends on a reply (also when the team answers). */
    public void endWaitingRuns(String accountId, UUID contactId, RunOutcome outcome, JourneyKind kind, String why) {
        List<WorkflowRun> waiting = em.createQuery("from WorkflowRun where accountId = ?1 and contactId = ?2 "
                        + "and status = ?3", WorkflowRun.class)
                .setParameter(1, accountId)
                .setParameter(2, contactId)
                .setParameter(3, WorkflowRun.Status.WAITING)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        for (WorkflowRun run : waiting) {
            CompiledWorkflow workflow = catalog.version(UUID.fromString(run.workflowId), run.workflowVersion);
            if (!workflow.definition().endOnReply()) {
                continue;
            }
            journal.run(run, kind, run.waitStep, why + ": '" + workflow.name() + "' ends its waiting run", null);
            executor.finish(run, outcome, null);
            LOG.infof("call %s: run %s of workflow %s ended (%s)", run.callSid, run.id, run.workflowId, outcome.label());
        }
    }

    private Optional<UUID> contactId(String accountId, String phone) {
        return em.createQuery("select c.id from Contact c where c.accountId = ?1 and c.phone = ?2", UUID.class)
                .setParameter(1, accountId)
                .setParameter(2, phone)
                .getResultStream().findFirst();
    }

    /** WhatsApp senders may arrive as whatsapp:+1...; contacts are kept by their E.164 number. */
    private static String phone(String raw) {
        return raw != null && raw.startsWith("whatsapp:") ? raw.substring("whatsapp:".length()) : raw;
    }
}

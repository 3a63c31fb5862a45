package com.mctb.workflow.service;

import com.mctb.contracts.event.VoicemailRecorded;
import com.mctb.kit.kafka.EventHandler;
import com.mctb.workflow.domain.engine.RunOutcome;
import com.mctb.workflow.domain.engine.WaitKind;
import com.mctb.workflow.domain.journey.JourneyKind;
import com.mctb.workflow.persistence.BusinessProfile;
import com.mctb.workflow.persistence.Contact;
import com.mctb.workflow.persistence.MissedCall;
import com.mctb.workflow.persistence.WorkflowRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A voicemail left after a missed call: recorded with the call (it may arrive before the call itself), and the
 * call's runs that wait on their trigger's voicemail filter start (filter "left") or end (filter "not_left").
 */
@ApplicationScoped
public class VoicemailRecordedHandler implements EventHandler<VoicemailRecorded> {

    private static final Logger LOG = Logger.getLogger(VoicemailRecordedHandler.class);

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
    public void handle(VoicemailRecorded voicemail) {
        MissedCall.recordVoicemail(voicemail);
        // Runs before their contact: the lock order every writer of both follows.
        List<WorkflowRun> waiting = em.createQuery("from WorkflowRun where callSid = ?1 and status = ?2 "
                        + "and waitKind = ?3", WorkflowRun.class)
                .setParameter(1, voicemail.callSid())
                .setParameter(2, WorkflowRun.Status.WAITING)
                .setParameter(3, WaitKind.VOICEMAIL)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        java.util.List<String> commands = new java.util.ArrayList<>();
        for (WorkflowRun run : waiting) {
            CompiledWorkflow workflow = catalog.version(UUID.fromString(run.workflowId), run.workflowVersion);
            Contact contact = Contact.lockedById(run.accountId, run.contactId).orElseThrow();
            journal.run(run, JourneyKind.VOICEMAIL_LEFT, null, "the caller left a voicemail"
                    + (voicemail.durationSeconds() == null ? "" : " of " + voicemail.durationSeconds() + " s"), null);
            if (workflow.definition().trigger().voicemail().accepts(true)) {
                commands.addAll(executor.advance(run, workflow, 0, contact, BusinessProfile.findById(run.accountId),
                        voicemail.recordedAt(), false));
            } else {
                executor.finish(run, RunOutcome.TRIGGER_NOT_MATCHED, "the workflow is for callers who leave no voicemail");
            }
        }
        LOG.debugf("call %s: voicemail %s recorded; %d waiting run(s) decided; texts %s", voicemail.callSid(),
                voicemail.recordingSid(), waiting.size(), commands);
    }
}

package com.mctb.workflow.service;

import com.mctb.kit.kafka.Failures;
import com.mctb.workflow.domain.definition.WaitDurations;
import com.mctb.workflow.domain.engine.RunOutcome;
import com.mctb.workflow.domain.engine.WaitKind;
import com.mctb.workflow.domain.journey.JourneyKind;
import com.mctb.workflow.metrics.WorkflowMetrics;
import com.mctb.workflow.persistence.BusinessProfile;
import com.mctb.workflow.persistence.Contact;
import com.mctb.workflow.persistence.WorkflowRun;
import io.quarkus.narayana.jta.QuarkusTransaction;
import com.mctb.kit.tx.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Fires waiting runs that are due: claims them with {@code SELECT … FOR UPDATE SKIP LOCKED}, advances each and writes
 * its texts to the outbox, all in one transaction. A run claimed by one instance is skipped by every other until
 * that transaction ends, and it is no longer due once it commits, so any number of instances (or threads) fire each
 * run exactly once. A crash before the commit leaves the run due for the next claim; the texts' ids are derived
 * from run and step, so even a text relayed twice is sent once.
 */
@ApplicationScoped
public class DueRuns {

    private static final Logger LOG = Logger.getLogger(DueRuns.class);

    @Inject
    EntityManager em;

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
    BatchCache batch;

    @Inject
    CallMissedHandler calls;

    /**
     * Claims and fires up to {@code limit} due runs in one new transaction; returns how many. If that transaction
     * fails for another reason than a database that is away, the due runs are fired one per transaction instead,
     * and a run that fails alone is stopped (outcome failed, with the error in its journey) so it cannot hold up the
     * others.
     */
    public int fireDue(int limit) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> fireClaimed(limit));
        } catch (RuntimeException e) {
            if (Failures.isTransient(e)) {
                throw e;
            }
            LOG.warnf("firing a batch of due runs failed (%s); firing them one by one", Failures.describe(e));
            return fireOneByOne(limit);
        }
    }

    private int fireClaimed(int limit) {
        Instant now = Instant.now();
        List<UUID> due = claim(now, limit);
        for (UUID id : due) {
            fire(em.find(WorkflowRun.class, id), now);
            // Write this run's changes and forget them, so the next run's statements do not re-check them all.
            em.flush();
            em.clear();
        }
        if (!due.isEmpty()) {
            afterCommit.run(() -> metrics.timersFired(due.size()));
        }
        return due.size();
    }

    /** Locks up to {@code limit} due runs for this transaction; runs locked by another are skipped, not waited for. */
    private List<UUID> claim(Instant now, int limit) {
        return em.createNativeQuery("select id from workflow_run where status = 'WAITING' and due_at <= ?1 "
                        + "order by due_at limit ?2 for update skip locked", UUID.class)
                .setParameter(1, now)
                .setParameter(2, limit)
                .getResultList();
    }

    private int fireOneByOne(int limit) {
        int fired = 0;
        for (int i = 0; i < limit; i++) {
            UUID[] claimed = new UUID[1];
            try {
                int n = QuarkusTransaction.requiringNew().call(() -> {
                    Instant now = Instant.now();
                    List<UUID> due = claim(now, 1);
                    if (due.isEmpty()) {
                        return 0;
                    }
                    claimed[0] = due.get(0);
                    fire(em.find(WorkflowRun.class, due.get(0)), now);
                    return 1;
                });
                if (n == 0) {
                    return fired;
                }
                fired++;
            } catch (RuntimeException e) {
                if (Failures.isTransient(e) || claimed[0] == null) {
                    throw e;
                }
                LOG.errorf(e, "run %s cannot be fired; stopping it", claimed[0]);
                QuarkusTransaction.requiringNew().run(() -> stop(claimed[0], e));
            }
        }
        return fired;
    }

    private void fire(WorkflowRun run, Instant now) {
        Contact contact = Contact.lockedById(run.accountId, run.contactId).orElseThrow(() ->
                new IllegalStateException("run " + run.id + " has no contact " + run.contactId));
        BusinessProfile profile = batch.profile(run.accountId);
        if (run.waitKind == WaitKind.BUSINESS_PROFILE) {
            businessProfileWait(run, contact, profile);
            return;
        }
        CompiledWorkflow workflow = catalog.version(UUID.fromString(run.workflowId), run.workflowVersion);
        Duration late = Duration.between(run.dueAt, now);
        List<String> commands = List.of();
        if (profile != null && profile.legacyTextBackEnabled) {
            // The toggle went on while the run waited (its workflow was deactivated first): its callers get the
            // toggle's text on their next call, so the run sends nothing more, or one caller could get both.
            journal.run(run, JourneyKind.LEGACY_TOGGLE, run.waitStep, "the legacy toggle was turned on while the run "
                    + "waited: it ends without texting", null);
            executor.finish(run, run.textsSent > 0 ? RunOutcome.TEXTED : RunOutcome.NOT_TEXTED, null);
        } else if (run.waitKind == WaitKind.VOICEMAIL) {
            journal.run(run, JourneyKind.NO_VOICEMAIL, null, "no voicemail was left by " + run.dueAt, null);
            if (workflow.definition().trigger().voicemail().accepts(false)) {
                commands = executor.advance(run, workflow, 0, contact, profile, now, false);
            } else {
                executor.finish(run, RunOutcome.TRIGGER_NOT_MATCHED, "the workflow is for callers who leave a voicemail");
            }
        } else {
            journal.run(run, JourneyKind.RESUMED, run.waitStep, "due " + run.dueAt + ", fired "
                    + (late.toMillis() < 1_000 ? "on time" : WaitDurations.describe(late.withNanos(0)) + " late"), null);
            commands = executor.advance(run, workflow, run.pointer, contact, profile, now, false);
        }
        LOG.debugf("call %s: run %s of workflow %s v%d fired (%d ms after due), %s; texts %s", run.callSid, run.id,
                run.workflowId, run.workflowVersion, late.toMillis(),
                run.status == WorkflowRun.Status.WAITING ? "waits again" : "finished", commands);
    }

    /** A call that waited for its account's Business Profile: handled now that it is here, or failed if it never came. */
    private void businessProfileWait(WorkflowRun run, Contact contact, BusinessProfile profile) {
        if (profile == null) {
            journal.run(run, JourneyKind.BUSINESS_PROFILE_MISSING, null, "the account's Business Profile did not reach "
                    + "workflow-service by " + run.dueAt + " (is the account set up in settings-service, and is "
                    + "settings.business flowing?): the call is not texted", null);
            executor.finish(run, RunOutcome.FAILED, "no Business Profile");
            LOG.warnf("call %s: the account's Business Profile never arrived; not texted", run.callSid);
            return;
        }
        journal.run(run, JourneyKind.BUSINESS_PROFILE_ARRIVED, null, "the Business Profile of '" + profile.businessName
                + "' arrived: the call is handled now, at its own time", null);
        run.finish(RunOutcome.NOT_TEXTED, Instant.now());
        calls.handleAfterProfileArrived(run, contact, profile);
    }

    private void stop(UUID runId, RuntimeException error) {
        WorkflowRun run = em.find(WorkflowRun.class, runId);
        if (run == null || run.status != WorkflowRun.Status.WAITING) {
            return;
        }
        journal.run(run, JourneyKind.RUN_FAILED, run.waitStep, Failures.describe(error), null);
        executor.finish(run, RunOutcome.FAILED, null);
    }
}

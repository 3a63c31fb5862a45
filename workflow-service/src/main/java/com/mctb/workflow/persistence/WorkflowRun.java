package com.mctb.workflow.persistence;

import com.mctb.workflow.domain.engine.RunOutcome;
import com.mctb.workflow.domain.engine.WaitKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One missed call's pass through one workflow, following the version it started on. A waiting run is a durable
 * timer: its {@code dueAt} is claimed by the poller with {@code FOR UPDATE SKIP LOCKED}.
 */
@Entity
@Table(name = "workflow_run")
public class WorkflowRun extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public String accountId;

    /** The workflow's id (as text: the legacy toggle's runs are "legacy-toggle"). */
    @Column(name = "workflow_id", nullable = false)
    public String workflowId;

    @Column(name = "workflow_version")
    public Integer workflowVersion;

    @Column(name = "contact_id", nullable = false)
    public UUID contactId;

    @Column(name = "call_sid", nullable = false)
    public String callSid;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** The instruction the run resumes at (see {@code Program}). */
    @Column(nullable = false)
    public int pointer;

    @Column(name = "due_at")
    public Instant dueAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "wait_kind")
    public WaitKind waitKind;

    @Column(name = "wait_step")
    public String waitStep;

    @Enumerated(EnumType.STRING)
    public RunOutcome outcome;

    @Column(name = "texts_sent", nullable = false)
    public int textsSent;

    /** The account's number that was called ({@code call.to}). */
    @Column(name = "called_number")
    public String calledNumber;

    @Column(name = "missed_at")
    public Instant missedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** The workflow (activated earlier) that texts this run's call instead of it: its texts are not sent. */
    @Column(name = "yields_to")
    public String yieldsTo;

    public static List<WorkflowRun> ofCall(String callSid) {
        return list("callSid = ?1 order by createdAt", callSid);
    }

    /** Makes the account's calls that wait for its Business Profile due at once (in the order of the calls). */
    public static void wakeCallsAwaitingProfile(String accountId) {
        getEntityManager().createNativeQuery("update workflow_run set due_at = missed_at where account_id = ?1 "
                        + "and status = 'WAITING' and wait_kind = 'BUSINESS_PROFILE'")
                .setParameter(1, accountId)
                .executeUpdate();
    }

    public void waitUntil(Instant due, WaitKind kind, String stepId, int resumeAt, Instant now) {
        status = Status.WAITING;
        dueAt = due;
        waitKind = kind;
        waitStep = stepId;
        pointer = resumeAt;
        updatedAt = now;
    }

    public void finish(RunOutcome how, Instant now) {
        status = Status.FINISHED;
        outcome = how;
        dueAt = null;
        waitKind = null;
        finishedAt = now;
        updatedAt = now;
    }

    public enum Status {
        WAITING,
        FINISHED
    }
}

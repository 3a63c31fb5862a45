package com.mctb.workflow.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One missed call's pass through one workflow. */
@Entity
@Table(name = "workflow_run")
public class WorkflowRun extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public String accountId;

    @Column(name = "workflow_id", nullable = false)
    public String workflowId;

    @Column(name = "contact_id", nullable = false)
    public UUID contactId;

    @Column(name = "call_sid", nullable = false)
    public String callSid;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public enum Status {
        RUNNING,
        WAITING,
        FINISHED
    }
}

package com.mctb.workflow.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A text this service asked messaging-service to send, and what became of it (read here; written in batches by
 * {@code SentTexts} and {@code TextOutcomes}).
 */
@Entity
@Table(name = "workflow_text")
public class WorkflowText extends PanacheEntityBase {

    @Id
    @Column(name = "command_id")
    public String commandId;

    @Column(name = "account_id")
    public String accountId;

    @Column(name = "contact_id")
    public UUID contactId;

    @Column(name = "call_sid")
    public String callSid;

    @Column(name = "run_id")
    public UUID runId;

    @Column(name = "workflow_id")
    public String workflowId;

    @Column(name = "workflow_name")
    public String workflowName;

    @Column(name = "step_id")
    public String stepId;

    public String channel;

    @Column(name = "texted_at")
    public Instant textedAt;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    @Column(name = "message_sid")
    public String messageSid;

    @Column(name = "accepted_channel")
    public String acceptedChannel;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "failed_at")
    public Instant failedAt;

    @Column(name = "error_code")
    public Integer errorCode;

    @Column(name = "error_message")
    public String errorMessage;

    public Boolean undelivered;

    @Column(name = "rejected_at")
    public Instant rejectedAt;

    @Column(name = "reject_reason")
    public String rejectReason;

    @Column(name = "reject_detail")
    public String rejectDetail;

    public static List<WorkflowText> ofCall(String accountId, String callSid) {
        return list("accountId = ?1 and callSid = ?2 order by textedAt, commandId", accountId, callSid);
    }

    /** Where the text stands: requested, accepted, sent, delivered, failed or rejected. */
    public String status() {
        if (rejectedAt != null) {
            return "rejected";
        }
        if (failedAt != null) {
            return "failed";
        }
        if (deliveredAt != null) {
            return "delivered";
        }
        if (sentAt != null) {
            return "sent";
        }
        return acceptedAt != null ? "accepted" : "requested";
    }
}

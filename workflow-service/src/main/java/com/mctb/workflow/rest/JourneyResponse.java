package com.mctb.workflow.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A missed call's journey: "why did this caller get (or not get) a text?" in one answer.
 *
 * @param texted   whether a text was sent for this call and not (so far) refused or failed
 * @param answer   the reason in a sentence
 * @param commands the SendMessage command ids written for this call
 * @param texts    each text and what became of it
 */
public record JourneyResponse(
        String callSid,
        String accountId,
        UUID contactId,
        String caller,
        String calledNumber,
        String dialStatus,
        Instant occurredAt,
        boolean voicemailLeft,
        boolean texted,
        String answer,
        List<String> commands,
        List<Text> texts,
        List<Run> workflows,
        List<Entry> entries) {

    /**
     * A text sent for this call, followed to its end: asked for, accepted by Twilio (its SID), sent, delivered, or
     * failed (Twilio's code) or rejected by messaging-service (the reason), each with its time.
     *
     * @param status   requested, accepted, sent, delivered, failed or rejected
     * @param channel  as asked; {@code acceptedChannel} is what Twilio took (SMS when WhatsApp fell back)
     */
    public record Text(String commandId, String workflowName, String stepId, String channel, String status,
            Instant requestedAt, Instant acceptedAt, String messageSid, String acceptedChannel, Instant sentAt,
            Instant deliveredAt, Instant failedAt, Integer errorCode, String errorMessage, Instant rejectedAt,
            String rejectReason, String rejectDetail) {
    }

    /** A run of a workflow this call started. */
    public record Run(UUID runId, String workflowId, String workflowName, Integer version, String status,
            String outcome, int textsSent, Instant dueAt) {
    }

    /**
     * One thing that happened; {@code decision} marks the entries that explain why.
     *
     * @param kind e.g. {@code re_entry_blocked}, {@code outside_hours}, {@code tag_present}, {@code command_sent}
     */
    public record Entry(Instant at, String kind, boolean decision, String workflowId, String workflowName,
            Integer version, UUID runId, String stepId, String detail, String commandId) {
    }
}

package com.mctb.workflow.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A missed call's journey: "why did this caller get (or not get) a text?" in one answer.
 *
 * @param texted   whether any text was sent for this call
 * @param answer   the reason in a sentence
 * @param commands the SendMessage command ids written for this call
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
        List<Run> workflows,
        List<Entry> entries) {

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

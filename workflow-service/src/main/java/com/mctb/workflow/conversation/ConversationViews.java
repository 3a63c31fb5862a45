package com.mctb.workflow.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The conversations API's answers. */
public final class ConversationViews {

    private ConversationViews() {
    }

    /**
     * One conversation in the account's list.
     *
     * @param unread what the contact did (texts, voicemails, missed calls) since the team last read it
     */
    public record Summary(UUID contactId, String phone, String name, boolean optedOut, long unread, Instant lastAt,
            Entry last) {
    }

    /** A page of the account's conversations, newest first; {@code nextOffset} null on the last page. */
    public record Page(List<Summary> conversations, int offset, int limit, Integer nextOffset) {
    }

    /**
     * A contact's whole conversation, oldest first.
     *
     * @param whatsAppWindowUntil until when a free-form WhatsApp answer may be sent (24 h after the contact's last
     *                            WhatsApp message), or null
     */
    public record Thread(UUID contactId, String phone, String name, boolean optedOut, long unread,
            Instant whatsAppWindowUntil, List<Entry> entries) {
    }

    /**
     * One thing in a conversation.
     *
     * @param kind      TEXT_IN, TEXT_OUT, CALL_MISSED, CALL_ANSWERED, VOICEMAIL, OPTED_OUT, OPTED_IN
     * @param direction in (from the contact), out (to them), or null for a call's outcome
     * @param status    texts out: QUEUED, ACCEPTED, SENT, DELIVERED, UNDELIVERED, FAILED, REJECTED
     * @param errorCode Twilio's error code of a failed or undelivered text
     */
    public record Entry(long id, String kind, Instant at, String direction, String channel, String body,
            String ourNumber, String commandId, String status, Instant statusAt, Integer errorCode, String statusDetail,
            SentBy sentBy, String callSid, String dialStatus, Voicemail voicemail) {
    }

    /** Who sent a text out: a workflow's step, the legacy toggle, or a team member. */
    public record SentBy(String kind, String workflowId, String workflowName, Integer workflowVersion, String stepId,
            String userId) {
    }

    /**
     * A voicemail: its audio is the gateway's ({@code audioUrl}, with the account's token).
     *
     * @param transcriptionStatus pending (not come yet), completed, failed
     */
    public record Voicemail(String recordingSid, Integer durationSeconds, String transcription,
            String transcriptionStatus, String audioUrl) {
    }
}

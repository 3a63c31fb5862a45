package com.mctb.contracts.event;

import java.time.Instant;

/**
 * Twilio's transcription of a voicemail, once per recording, after its {@link VoicemailRecorded}: the text, or that
 * Twilio could not transcribe it (the voicemail still plays).
 *
 * @param text null when {@code failed}
 */
public record VoicemailTranscribed(
        String callSid,
        String accountId,
        String from,
        String recordingSid,
        boolean failed,
        String text,
        Instant transcribedAt) implements Event {

    public VoicemailTranscribed {
        Require.text(callSid, "callSid");
        Require.text(accountId, "accountId");
        Require.text(recordingSid, "recordingSid");
        Require.present(transcribedAt, "transcribedAt");
    }

    @Override
    public String eventId() {
        return "VoicemailTranscribed/" + recordingSid;
    }
}

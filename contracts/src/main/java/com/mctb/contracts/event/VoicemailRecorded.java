package com.mctb.contracts.event;

import java.time.Instant;

/** The caller left a voicemail after a missed call. */
public record VoicemailRecorded(
        String callSid,
        String accountId,
        String from,
        String to,
        String recordingSid,
        String recordingUrl,
        Integer durationSeconds,
        Instant recordedAt) implements Event {

    public VoicemailRecorded {
        Require.text(callSid, "callSid");
        Require.text(accountId, "accountId");
        Require.text(recordingSid, "recordingSid");
        Require.present(recordedAt, "recordedAt");
    }

    @Override
    public String eventId() {
        return "VoicemailRecorded/" + recordingSid;
    }
}

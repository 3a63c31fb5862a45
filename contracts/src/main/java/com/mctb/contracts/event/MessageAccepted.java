package com.mctb.contracts.event;

import java.time.Instant;

/** Twilio accepted the text (it is queued with the carrier); this is when it is metered. */
public record MessageAccepted(
        String commandId,
        String accountId,
        String messageSid,
        Channel channel,
        String from,
        String to,
        int segments,
        MessageCause cause,
        String callSid,
        Instant missedAt,
        Instant acceptedAt) implements SmsEvent {

    public MessageAccepted {
        Require.text(commandId, "commandId");
        Require.text(accountId, "accountId");
        Require.text(messageSid, "messageSid");
        Require.present(acceptedAt, "acceptedAt");
    }

    @Override
    public String eventId() {
        return "MessageAccepted/" + commandId;
    }
}

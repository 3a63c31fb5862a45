package com.mctb.contracts.event;

import java.time.Instant;

/** A text a contact sent to one of the account's numbers (not an opt-out keyword). */
public record InboundMessage(
        String accountId,
        String messageSid,
        Channel channel,
        String from,
        String to,
        String body,
        Instant receivedAt) implements SmsEvent {

    public InboundMessage {
        Require.text(accountId, "accountId");
        Require.text(messageSid, "messageSid");
        Require.text(from, "from");
        Require.present(receivedAt, "receivedAt");
    }

    @Override
    public String eventId() {
        return "InboundMessage/" + messageSid;
    }
}

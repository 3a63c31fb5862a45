package com.mctb.contracts.event;

import java.time.Instant;

/** The handset confirmed the text. */
public record MessageDelivered(String commandId, String accountId, String messageSid, String to, Instant at)
        implements SmsEvent {

    public MessageDelivered {
        Require.text(accountId, "accountId");
        Require.text(messageSid, "messageSid");
        Require.present(at, "at");
    }

    @Override
    public String eventId() {
        return "MessageDelivered/" + messageSid;
    }
}

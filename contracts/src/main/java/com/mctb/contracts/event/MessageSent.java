package com.mctb.contracts.event;

import java.time.Instant;

/** The carrier took the text from Twilio. */
public record MessageSent(String commandId, String accountId, String messageSid, String to, Instant at)
        implements SmsEvent {

    public MessageSent {
        Require.text(accountId, "accountId");
        Require.text(messageSid, "messageSid");
        Require.present(at, "at");
    }

    @Override
    public String eventId() {
        return "MessageSent/" + messageSid;
    }
}

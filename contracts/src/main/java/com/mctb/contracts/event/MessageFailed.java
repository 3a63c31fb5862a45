package com.mctb.contracts.event;

import java.time.Instant;

/**
 * The text could not be sent or delivered.
 *
 * @param messageSid   null when Twilio refused it outright
 * @param errorCode    Twilio's error code, when it gave one
 * @param undelivered  accepted but never delivered (Twilio's "undelivered") rather than failed
 */
public record MessageFailed(
        String commandId,
        String accountId,
        String messageSid,
        String to,
        Integer errorCode,
        String errorMessage,
        boolean undelivered,
        Instant at) implements SmsEvent {

    public MessageFailed {
        Require.text(accountId, "accountId");
        Require.present(at, "at");
    }

    @Override
    public String eventId() {
        return "MessageFailed/" + (messageSid != null ? messageSid : commandId);
    }
}

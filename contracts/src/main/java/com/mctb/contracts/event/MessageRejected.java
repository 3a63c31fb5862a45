package com.mctb.contracts.event;

import java.time.Instant;

/** We did not send the text, and why (the recipient opted out, the account's limit, ...). */
public record MessageRejected(
        String commandId,
        String accountId,
        String to,
        Reason reason,
        String detail,
        Instant at) implements SmsEvent {

    public MessageRejected {
        Require.text(commandId, "commandId");
        Require.text(accountId, "accountId");
        Require.present(reason, "reason");
        Require.present(at, "at");
    }

    @Override
    public String eventId() {
        return "MessageRejected/" + commandId;
    }

    /** Why a text was not sent. */
    public enum Reason {
        OPTED_OUT,
        LIMIT,
        WHATSAPP_SESSION_CLOSED,
        INVALID_RECIPIENT,
        /** The recipient's country is not one the account's plan may text (see the account's recipient countries). */
        COUNTRY_NOT_ALLOWED
    }
}

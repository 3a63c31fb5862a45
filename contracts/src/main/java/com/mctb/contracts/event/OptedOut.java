package com.mctb.contracts.event;

import java.time.Instant;

/** A contact opted out of (or, with {@code optedOut} false, back into) the account's texts. */
public record OptedOut(
        String accountId,
        String phone,
        boolean optedOut,
        String keyword,
        String messageSid,
        Instant at) implements SmsEvent {

    public OptedOut {
        Require.text(accountId, "accountId");
        Require.text(phone, "phone");
        Require.present(at, "at");
    }

    @Override
    public String eventId() {
        return "OptedOut/" + (messageSid != null ? messageSid : accountId + "/" + phone + "/" + at);
    }
}

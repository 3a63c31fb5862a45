package com.mctb.contracts.event;

import java.time.Instant;

/** The account used up its monthly messaging limit; further texts this month are rejected. Published once a month. */
public record UsageLimitReached(String accountId, String month, int limit, Instant at) implements SmsEvent {

    public UsageLimitReached {
        Require.text(accountId, "accountId");
        Require.text(month, "month");
        Require.present(at, "at");
    }

    @Override
    public String eventId() {
        return "UsageLimitReached/" + accountId + "/" + month;
    }
}

package com.mctb.contracts.event;

import java.time.Instant;

/**
 * Someone on the team took a call to one of the account's numbers: reported once per CallSid, for the caller's
 * conversation (a withheld caller has none, and is not reported).
 *
 * @param from       the caller, E.164
 * @param to         the account's number that was called, E.164
 * @param answeredAt when the gateway learned the call was answered
 */
public record CallAnswered(
        String callSid,
        String accountId,
        String from,
        String to,
        Instant answeredAt) implements Event {

    public CallAnswered {
        Require.text(callSid, "callSid");
        Require.text(accountId, "accountId");
        Require.text(from, "from");
        Require.text(to, "to");
        Require.present(answeredAt, "answeredAt");
    }

    @Override
    public String eventId() {
        return "CallAnswered/" + callSid;
    }
}

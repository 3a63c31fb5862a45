package com.mctb.contracts.event;

import java.time.Instant;

/**
 * A call to one of the account's numbers that nobody answered, reported once per CallSid.
 *
 * @param callSid        Twilio's CallSid of the caller's (parent) call
 * @param accountId      our account that owns {@code to}
 * @param from           the caller in E.164, or the raw value when {@code callerWithheld}
 * @param to             the account's Twilio number that was called, E.164
 * @param dialStatus     why it counts as missed
 * @param ringSeconds    how long the forwarded call rang, when Twilio said
 * @param callerWithheld the caller's ID was withheld or not a phone number: nobody can be texted
 * @param occurredAt     when the gateway declared the call missed (start of speed-to-lead)
 */
public record CallMissed(
        String callSid,
        String accountId,
        String from,
        String to,
        DialStatus dialStatus,
        Integer ringSeconds,
        boolean callerWithheld,
        Instant occurredAt) implements Event {

    public CallMissed {
        Require.text(callSid, "callSid");
        Require.text(accountId, "accountId");
        Require.text(from, "from");
        Require.text(to, "to");
        Require.present(dialStatus, "dialStatus");
        Require.present(occurredAt, "occurredAt");
    }

    @Override
    public String eventId() {
        return "CallMissed/" + callSid;
    }
}

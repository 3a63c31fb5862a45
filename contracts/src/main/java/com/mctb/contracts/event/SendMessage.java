package com.mctb.contracts.event;

import java.time.Instant;

/**
 * A command to send one text. Its id is derived from what caused it (workflow run and step), so a replay of the
 * cause produces the same id and messaging-service sends it once.
 *
 * @param callSid     the missed call that led to this text, when one did
 * @param missedAt    when that call was declared missed: the start of speed-to-lead
 * @param smsFallback for WhatsApp: send as SMS instead when WhatsApp may not be used (no open 24-hour session);
 *                    null or false means reject instead
 */
public record SendMessage(
        String commandId,
        String accountId,
        Channel channel,
        String from,
        String to,
        String body,
        MessageCause cause,
        String callSid,
        Instant missedAt,
        Instant requestedAt,
        Boolean smsFallback) implements Event {

    public SendMessage {
        Require.text(commandId, "commandId");
        Require.text(accountId, "accountId");
        Require.present(channel, "channel");
        Require.text(from, "from");
        Require.text(to, "to");
        Require.text(body, "body");
        Require.present(cause, "cause");
        Require.present(requestedAt, "requestedAt");
    }

    @Override
    public String eventId() {
        return commandId;
    }

    public boolean mayFallBackToSms() {
        return Boolean.TRUE.equals(smsFallback);
    }
}

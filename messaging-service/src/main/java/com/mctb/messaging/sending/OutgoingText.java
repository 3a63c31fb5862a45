package com.mctb.messaging.sending;

import com.mctb.contracts.event.Channel;
import com.mctb.contracts.event.MessageCause;
import com.mctb.messaging.persistence.Message;
import java.time.Instant;
import java.util.UUID;

/** What the senders need of a recorded text, detached from the database. */
public record OutgoingText(
        UUID id,
        String commandId,
        String accountId,
        Channel channel,
        String from,
        String to,
        String body,
        MessageCause cause,
        String callSid,
        Instant missedAt,
        boolean smsFallback,
        Instant claimedAt,
        String traceparent,
        String twilioAccountSid) {

    public static OutgoingText of(Message m) {
        return new OutgoingText(m.id, m.commandId, m.accountId, m.channel, m.fromNumber, m.toNumber, m.body, m.cause,
                m.callSid, m.missedAt, m.smsFallback, m.claimedAt, m.traceparent, m.twilioAccountSid);
    }

    public OutgoingText claimed(Instant at) {
        return new OutgoingText(id, commandId, accountId, channel, from, to, body, cause, callSid, missedAt, smsFallback, at, traceparent,
                twilioAccountSid);
    }

    /** The same text as an SMS (a WhatsApp text whose command allows falling back). */
    public OutgoingText asSms() {
        return new OutgoingText(id, commandId, accountId, Channel.SMS, from, to, body, cause, callSid, missedAt, false,
                claimedAt, traceparent, twilioAccountSid);
    }
}

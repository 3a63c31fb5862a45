package com.mctb.messaging.sending;

import com.mctb.contracts.event.Channel;
import com.mctb.contracts.event.MessageCause;
import com.mctb.messaging.persistence.Message;
import java.time.Instant;
import java.util.UUID;

/**
 * What the senders need of a recorded text, detached from the database.
 *
 * @param lease        the fencing token of this instance's claim ({@code message.lease} as the claim left it)
 * @param claimedNanos when this instance claimed it, on its monotonic clock ({@link System#nanoTime()}); 0: not
 *                     claimed here yet
 */
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
        String twilioAccountSid,
        long lease,
        long claimedNanos) {

    /** The text as its row holds it; a SENDING row counts as claimed by this instance now (intake, recovery). */
    public static OutgoingText of(Message m) {
        return new OutgoingText(m.id, m.commandId, m.accountId, m.channel, m.fromNumber, m.toNumber, m.body, m.cause,
                m.callSid, m.missedAt, m.smsFallback, m.claimedAt, m.traceparent, m.twilioAccountSid, m.lease,
                m.status == com.mctb.messaging.domain.MessageStatus.SENDING ? System.nanoTime() : 0);
    }

    /** The text as this instance's claim left it: claimed at {@code at} with fencing token {@code lease}, now. */
    public OutgoingText claimed(Instant at, long lease) {
        return claimed(at, lease, System.nanoTime());
    }

    OutgoingText claimed(Instant at, long lease, long claimedNanos) {
        return new OutgoingText(id, commandId, accountId, channel, from, to, body, cause, callSid, missedAt, smsFallback, at, traceparent,
                twilioAccountSid, lease, claimedNanos);
    }

    /** The same text as an SMS (a WhatsApp text whose command allows falling back). */
    public OutgoingText asSms() {
        return new OutgoingText(id, commandId, accountId, Channel.SMS, from, to, body, cause, callSid, missedAt, false,
                claimedAt, traceparent, twilioAccountSid, lease, claimedNanos);
    }
}

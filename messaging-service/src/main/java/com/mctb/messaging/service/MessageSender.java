package com.mctb.messaging.service;

import com.mctb.contracts.Keys;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.Channel;
import com.mctb.contracts.event.MessageAccepted;
import com.mctb.contracts.event.MessageFailed;
import com.mctb.contracts.phone.PhoneNumbers;
import com.mctb.kit.outbox.Outbox;
import com.mctb.kit.twilio.TwilioWebhookConfig;
import com.mctb.messaging.persistence.Message;
import com.mctb.messaging.persistence.MessageStatus;
import com.mctb.messaging.persistence.UsageLedger;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sends a recorded message through Twilio's Messages API, once: the message is claimed (PENDING to SENDING) in its
 * own transaction before the request, so a second replica or a redelivery cannot send it again, and the outcome is
 * recorded with its usage and its event in one transaction after.
 */
@ApplicationScoped
public class MessageSender {

    private static final Logger LOG = Logger.getLogger(MessageSender.class);
    private static final int ATTEMPTS = 4;

    @Inject
    EntityManager em;

    @Inject
    TwilioRestClient twilio;

    @Inject
    TwilioWebhookConfig webhooks;

    @Inject
    UsageLedger usage;

    @Inject
    Outbox outbox;

    public void send(UUID messageId) {
        Message message = claim(messageId);
        if (message == null) {
            return;
        }
        ApiException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                com.twilio.rest.api.v2010.account.Message sent = new MessageCreator(
                        new PhoneNumber(address(message.channel, message.toNumber)),
                        new PhoneNumber(address(message.channel, message.fromNumber)),
                        message.body)
                        .setStatusCallback(statusCallbackUrl())
                        .create(twilio);
                accepted(messageId, sent.getSid(), segments(sent.getNumSegments()));
                return;
            } catch (ApiException e) {
                last = e;
                if (!retryable(e)) {
                    break;
                }
                sleep(100L << attempt);
            }
        }
        failed(messageId, last);
    }

    private Message claim(UUID messageId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            int claimed = em.createNativeQuery(
                    "update message set status = 'SENDING', updated_at = now() where id = ?1 and status = 'PENDING'")
                    .setParameter(1, messageId).executeUpdate();
            if (claimed == 0) {
                return null;
            }
            Message m = Message.findById(messageId);
            em.detach(m);
            return m;
        });
    }

    private void accepted(UUID messageId, String sid, int segments) {
        QuarkusTransaction.requiringNew().run(() -> {
            Message m = Message.findById(messageId);
            m.status = MessageStatus.QUEUED;
            m.twilioSid = sid;
            m.segments = segments;
            m.acceptedAt = Instant.now();
            m.updatedAt = m.acceptedAt;
            usage.count(m.accountId, YearMonth.from(m.acceptedAt.atOffset(ZoneOffset.UTC)), m.channel, m.cause, segments);
            outbox.publish(Topics.SMS_EVENTS, Keys.accountAndPhone(m.accountId, m.toNumber), new MessageAccepted(
                    m.commandId, m.accountId, sid, m.channel, m.fromNumber, m.toNumber, segments, m.cause, m.callSid,
                    m.missedAt, m.acceptedAt));
            LOG.infof("command %s accepted by Twilio as %s (to %s)", m.commandId, sid, PhoneNumbers.mask(m.toNumber));
        });
    }

    private void failed(UUID messageId, ApiException error) {
        QuarkusTransaction.requiringNew().run(() -> {
            Message m = Message.findById(messageId);
            m.status = MessageStatus.FAILED;
            m.errorCode = error == null ? null : error.getCode();
            m.errorMessage = error == null ? null : error.getMessage();
            m.updatedAt = Instant.now();
            outbox.publish(Topics.SMS_EVENTS, Keys.accountAndPhone(m.accountId, m.toNumber), new MessageFailed(
                    m.commandId, m.accountId, null, m.toNumber, m.errorCode, m.errorMessage, false, m.updatedAt));
            LOG.warnf("command %s failed: Twilio %s %s", m.commandId, m.errorCode, m.errorMessage);
        });
    }

    private String statusCallbackUrl() {
        return webhooks.publicBaseUrl().orElse("").replaceAll("/+$", "") + "/twilio/messaging/status";
    }

    /** Twilio answered 429 or 5xx, or did not answer: the message was not accepted and may be tried again. */
    private static boolean retryable(ApiException e) {
        Integer status = e.getStatusCode();
        return status == null || status == 429 || status >= 500;
    }

    private static String address(Channel channel, String e164) {
        return channel == Channel.WHATSAPP ? "whatsapp:" + e164 : e164;
    }

    private static int segments(String numSegments) {
        try {
            return numSegments == null ? 1 : Math.max(1, Integer.parseInt(numSegments));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

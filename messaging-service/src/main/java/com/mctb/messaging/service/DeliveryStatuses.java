package com.mctb.messaging.service;

import com.mctb.contracts.Keys;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.Channel;
import com.mctb.contracts.event.MessageDelivered;
import com.mctb.contracts.event.MessageFailed;
import com.mctb.contracts.event.MessageSent;
import com.mctb.contracts.event.SmsEvent;
import com.mctb.kit.outbox.Outbox;
import com.mctb.kit.tracing.Traces;
import com.mctb.kit.tx.AfterCommit;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import com.mctb.messaging.domain.MessageStatus;
import com.mctb.messaging.metrics.MessagingMetrics;
import com.mctb.messaging.persistence.Message;
import com.mctb.messaging.sending.MessageOutcomes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Twilio's status callbacks move a text forward (queued, sent, delivered / undelivered / failed), never back, and
 * each change is published on {@code sms.events}. A callback for a text whose acceptance is not recorded yet (the
 * callback beat the API's answer, or the sender stopped before recording it) records the acceptance first: the
 * StatusCallback URL names our text.
 */
@ApplicationScoped
public class DeliveryStatuses {

    private static final Logger LOG = Logger.getLogger(DeliveryStatuses.class);

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    MessageOutcomes outcomes;

    @Inject
    MessagingMetrics metrics;

    @Inject
    AfterCommit afterCommit;

    @Inject
    Tracer tracer;

    @Transactional
    public Result apply(String messageSid, MessageStatus reported, Integer errorCode, UUID ourId) {
        Message m = bySid(messageSid);
        if (m == null && ourId != null) {
            m = em.find(Message.class, ourId, LockModeType.PESSIMISTIC_WRITE);
            if (m != null && m.twilioSid != null && !m.twilioSid.equals(messageSid)) {
                m = null;
            }
        }
        if (m == null) {
            return Result.UNKNOWN_MESSAGE;
        }
        // Twilio's callback carries no trace of ours: it is recorded in the text's own trace, linked to the request.
        try (Traces.Active span = Traces.start(tracer, "twilio status " + reported.name().toLowerCase(Locale.ROOT),
                SpanKind.SERVER, Traces.parse(m.traceparent), Span.current())) {
            span.attribute("mctb.command_id", m.commandId).attribute("mctb.message_sid", messageSid);
            return apply(m, messageSid, reported, errorCode);
        }
    }

    private Result apply(Message m, String messageSid, MessageStatus reported, Integer errorCode) {
        Instant now = Instant.now();
        if (m.twilioSid == null) {
            outcomes.adopt(m, messageSid, now);
        }
        if (!m.status.mayBecome(reported)) {
            LOG.debugf("message %s: %s after %s ignored", messageSid, reported, m.status);
            return Result.UNCHANGED;
        }
        m.status = reported;
        m.statusAt = now;
        m.updatedAt = now;
        if (reported == MessageStatus.UNDELIVERED || reported == MessageStatus.FAILED) {
            m.errorCode = errorCode;
        }
        SmsEvent event = switch (reported) {
            case SENT -> new MessageSent(m.commandId, m.accountId, messageSid, m.toNumber, now);
            case DELIVERED -> new MessageDelivered(m.commandId, m.accountId, messageSid, m.toNumber, now);
            case UNDELIVERED -> new MessageFailed(m.commandId, m.accountId, messageSid, m.toNumber, errorCode,
                    "undelivered", true, now);
            case FAILED -> new MessageFailed(m.commandId, m.accountId, messageSid, m.toNumber, errorCode, "failed",
                    false, now);
            default -> null;
        };
        if (event != null) {
            outbox.publish(Topics.SMS_EVENTS, Keys.accountAndPhone(m.accountId, m.toNumber), event);
        }
        Channel channel = m.channel;
        afterCommit.run(() -> metrics.text(channel, reported.name().toLowerCase(Locale.ROOT)));
        LOG.infof("message %s (command %s, account %s): %s", messageSid, m.commandId, m.accountId, reported);
        return Result.CHANGED;
    }

    private Message bySid(String sid) {
        List<Message> found = em.createQuery("select m from Message m where m.twilioSid = ?1", Message.class)
                .setParameter(1, sid).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** What a callback did. */
    public enum Result {
        CHANGED,
        /** Late or repeated: the text is already at or past that status. */
        UNCHANGED,
        /** Not a text of ours. */
        UNKNOWN_MESSAGE
    }
}

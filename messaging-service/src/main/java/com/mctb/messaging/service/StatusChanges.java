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
import com.mctb.messaging.domain.MessageStatus;
import com.mctb.messaging.metrics.MessagingMetrics;
import com.mctb.messaging.persistence.Message;
import com.mctb.messaging.sending.MessageOutcomes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The rule of Twilio's status callbacks, for many callbacks in one transaction: a text moves forward (queued, sent,
 * delivered / undelivered / failed), never back, and each change is published on {@code sms.events}. A callback for
 * a text whose acceptance is not recorded yet (the callback beat the API's answer, or the sender stopped before
 * recording it) records the acceptance first: the StatusCallback URL names our text.
 */
@ApplicationScoped
public class StatusChanges {

    private static final Logger LOG = Logger.getLogger(StatusChanges.class);

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

    /** What a callback did to its text. */
    public enum Change {
        CHANGED,
        /** Late or repeated: the text is already at or past that status. */
        UNCHANGED,
        /** Not a text of ours. */
        UNKNOWN_MESSAGE
    }

    /** One callback as Twilio posted it; {@code request} is the span of the request that carried it. */
    public record Callback(String messageSid, MessageStatus reported, Integer errorCode, UUID ourId, Span request) {
    }

    /**
     * Applies the callbacks in their order, in one transaction (their texts' rows locked in id order with one
     * statement, the changes written at commit in one JDBC batch).
     *
     * @return what each callback did, in the same order
     */
    @Transactional
    public List<Change> apply(List<Callback> callbacks) {
        // The outbox and the usage ledger are other tables: no flush of the loaded texts before each of their statements.
        em.setFlushMode(FlushModeType.COMMIT);
        Map<String, Message> bySid = new HashMap<>();
        Map<UUID, Message> byId = new HashMap<>();
        for (Message m : lock(callbacks)) {
            byId.put(m.id, m);
            if (m.twilioSid != null) {
                bySid.put(m.twilioSid, m);
            }
        }
        List<Change> results = new ArrayList<>(callbacks.size());
        for (Callback c : callbacks) {
            Message m = bySid.get(c.messageSid());
            if (m == null && c.ourId() != null) {
                m = byId.get(c.ourId());
                if (m != null && m.twilioSid != null && !m.twilioSid.equals(c.messageSid())) {
                    m = null;
                }
            }
            if (m == null) {
                results.add(Change.UNKNOWN_MESSAGE);
                continue;
            }
            // Twilio's callback carries no trace of ours: it is recorded in the text's own trace, linked to the request.
            try (Traces.Active span = Traces.start(tracer, "twilio status " + c.reported().name().toLowerCase(Locale.ROOT),
                    SpanKind.SERVER, Traces.parse(m.traceparent), c.request())) {
                span.attribute("mctb.command_id", m.commandId).attribute("mctb.message_sid", c.messageSid());
                results.add(apply(m, c.messageSid(), c.reported(), c.errorCode()));
            }
            bySid.put(m.twilioSid, m);
        }
        return results;
    }

    /** The texts the callbacks name, by SID or by our id, locked in id order (as the outcome recorder locks them). */
    private List<Message> lock(List<Callback> callbacks) {
        List<String> sids = callbacks.stream().map(Callback::messageSid).distinct().toList();
        List<UUID> ids = callbacks.stream().map(Callback::ourId).filter(java.util.Objects::nonNull).distinct().toList();
        return (ids.isEmpty()
                ? em.createQuery("select m from Message m where m.twilioSid in :sids order by m.id", Message.class)
                : em.createQuery("select m from Message m where m.twilioSid in :sids or m.id in :ids order by m.id",
                        Message.class).setParameter("ids", ids))
                .setParameter("sids", sids)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    private Change apply(Message m, String messageSid, MessageStatus reported, Integer errorCode) {
        Instant now = Instant.now();
        if (m.twilioSid == null) {
            outcomes.adopt(m, messageSid, now);
        }
        if (!m.status.mayBecome(reported)) {
            LOG.debugf("message %s: %s after %s ignored", messageSid, reported, m.status);
            return Change.UNCHANGED;
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
        LOG.debugf("message %s (command %s, account %s): %s", messageSid, m.commandId, m.accountId, reported);
        return Change.CHANGED;
    }
}

package com.mctb.messaging.service;

import com.mctb.contracts.Topics;
import com.mctb.contracts.event.Channel;
import com.mctb.contracts.event.MessageRejected;
import com.mctb.contracts.event.SendMessage;
import com.mctb.contracts.phone.PhoneNumbers;
import com.mctb.kit.tracing.Traces;
import com.mctb.messaging.config.MessagingConfig;
import com.mctb.messaging.domain.AccountMonths;
import com.mctb.messaging.domain.MessageStatus;
import com.mctb.messaging.domain.MonthlyLimit;
import com.mctb.messaging.domain.RecipientCountries;
import com.mctb.messaging.domain.WhatsAppSessions;
import com.mctb.messaging.persistence.Message;
import com.mctb.messaging.persistence.WhatsAppSessionLog;
import com.mctb.messaging.sending.MessageOutcomes;
import com.mctb.messaging.sending.OutgoingText;
import com.mctb.messaging.sending.SendingPipeline;
import com.mctb.messaging.sending.SendingRateGate;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.MDC;

/**
 * Records a SendMessage command before anything is sent, once per command id, and decides whether it may be sent:
 * an invalid recipient, an opted-out one, a WhatsApp text with no open session (unless it may go as SMS) and a text
 * past the account's monthly limit and one to a country the account may not text are rejected, with their MessageRejected event, in the same transaction. A text
 * that may go is handed to the {@link SendingPipeline} once the transaction commits.
 */
@ApplicationScoped
public class MessageIntake {

    @Inject
    EntityManager em;

    @Inject
    WhatsAppSessionLog whatsAppSessions;

    @Inject
    MessageOutcomes outcomes;

    @Inject
    SendingPipeline sending;

    @Inject
    MessagingConfig config;

    @Inject
    com.mctb.messaging.metrics.MessagingMetrics metrics;

    @Inject
    Tracer tracer;

    /**
     * Records a poll batch's commands, once per command id: the message's unique command_id is the inbox. Ids already
     * recorded (a redelivery, a rebalance, a second replica) are read in one statement and skipped, and so is a
     * command twice in the batch. Two batches recording the same id at once: the second fails on the unique key, and
     * service-kit's {@code processIdempotent} hands its commands over again one by one, which then find it.
     *
     * @param traceparents each command's trace, by command id (the records' {@code traceparent} headers)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(List<SendMessage> commands, Map<String, String> traceparents) {
        @SuppressWarnings("unchecked")
        List<String> known = em.createNativeQuery("select command_id from message where command_id in (:ids)")
                .setParameter("ids", commands.stream().map(SendMessage::commandId).toList()).getResultList();
        Set<String> recorded = new HashSet<>(known);
        Accepted accepted = new Accepted();
        for (SendMessage command : commands) {
            if (!recorded.add(command.commandId())) {
                continue;
            }
            // Under the trace of whoever published it, as service-kit's RecordBatchProcessor opens it for an inbox.
            MDC.put("accountId", command.accountId());
            MDC.put("eventId", command.eventId());
            try (Traces.Active span = Traces.start(tracer, Topics.SMS_COMMANDS + " process", SpanKind.CONSUMER,
                    Traces.parse(traceparents.get(command.commandId())))) {
                span.attribute("messaging.system", "kafka").attribute("messaging.destination.name", Topics.SMS_COMMANDS)
                        .attribute("mctb.event_id", command.eventId());
                record(command, accepted);
            } finally {
                MDC.remove("accountId");
                MDC.remove("eventId");
            }
        }
        toSenders(accepted.texts);
    }

    /**
     * The batch's texts that may go: their numbers' slots reserved in one go (one statement for the batch, texts of
     * one number in the batch's order), then each recorded — claimed in this transaction when its number may send now,
     * else PENDING — and handed to the pipeline for after the commit.
     */
    private void toSenders(List<Message> texts) {
        if (texts.isEmpty()) {
            return;
        }
        long[] waits = sending.reserve(texts.stream().map(m -> new SendingRateGate.Sender(m.channel, m.fromNumber)).toList());
        for (int i = 0; i < texts.size(); i++) {
            Message m = texts.get(i);
            if (waits[i] <= 0) {
                // Its number may send now: claimed in this transaction, sent as soon as it commits.
                m.status = MessageStatus.SENDING;
                m.claimedAt = m.createdAt;
                m.lease = m.lease + 1;
            } else {
                m.status = MessageStatus.PENDING;
            }
            m.persist();
            sending.afterCommit(OutgoingText.of(m), waits[i]);
        }
    }

    /** Decides a command: a rejected text is recorded now; one that may go joins the batch's {@code accepted}. */
    private void record(SendMessage command, Accepted accepted) {
        // Rows are written at commit, in JDBC batches: the lookups below read other tables, so flushing before each
        // of them (Hibernate's default for native queries) would only re-check every row of the batch each time.
        em.setFlushMode(jakarta.persistence.FlushModeType.COMMIT);
        Instant now = Instant.now();
        metrics.intakeDelay(java.time.Duration.between(command.requestedAt(), now));
        Message m = new Message();
        m.id = UUID.randomUUID();
        m.commandId = command.commandId();
        m.accountId = command.accountId();
        m.channel = command.channel();
        m.fromNumber = command.from();
        Optional<String> recipient = PhoneNumbers.toE164(command.to());
        m.toNumber = recipient.orElse(command.to());
        m.body = command.body();
        m.cause = command.cause();
        m.callSid = command.callSid();
        m.missedAt = command.missedAt();
        m.smsFallback = command.mayFallBackToSms();
        m.traceparent = Traces.current();
        m.createdAt = now;
        m.updatedAt = now;
        m.statusAt = now;
        Optional<Rejection> rejection = recipient.isEmpty()
                ? Optional.of(new Rejection(MessageRejected.Reason.INVALID_RECIPIENT, "the recipient is not a phone number in E.164"))
                : rejection(m, now, accepted);
        if (rejection.isPresent()) {
            m.status = MessageStatus.REJECTED;
            m.rejectReason = rejection.get().reason().name();
            m.errorMessage = rejection.get().detail();
            m.persist();
            outcomes.rejectedEvent(m.commandId, m.accountId, m.toNumber, m.channel, rejection.get().reason(),
                    rejection.get().detail(), now);
            return;
        }
        accepted.add(m);
    }

    private Optional<Rejection> rejection(Message m, Instant now, Accepted accepted) {
        Object[] account = accountFacts(m.accountId, m.toNumber);
        m.twilioAccountSid = (String) account[3];
        if (Boolean.TRUE.equals(account[0])) {
            return Optional.of(new Rejection(MessageRejected.Reason.OPTED_OUT, "the recipient opted out of the account's texts"));
        }
        Optional<String> elsewhere = RecipientCountries.of(csv((String) account[4]), java.util.Objects.requireNonNullElse(
                csv((String) account[5]), List.of()), m.fromNumber).refusal(m.toNumber);
        if (elsewhere.isPresent()) {
            return Optional.of(new Rejection(MessageRejected.Reason.COUNTRY_NOT_ALLOWED, elsewhere.get()));
        }
        if (m.channel == Channel.WHATSAPP && !WhatsAppSessions.isOpen(
                whatsAppSessions.lastInbound(m.fromNumber, m.toNumber).orElse(null), now, config.whatsapp().sessionWindow())) {
            if (!m.smsFallback) {
                return Optional.of(new Rejection(MessageRejected.Reason.WHATSAPP_SESSION_CLOSED,
                        "no WhatsApp session open with the recipient (they have not written in 24 hours); only an"
                                + " approved template may be sent"));
            }
            m.channel = Channel.SMS;
            m.fellBackToSms = true;
        }
        Integer limit = account[1] == null ? null : ((Number) account[1]).intValue();
        if (limit != null) {
            // Serialises the account's intake while it has a limit, so two batches cannot both take the last text.
            em.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))").setParameter(1, "limit/" + m.accountId)
                    .getSingleResult();
            YearMonth month = AccountMonths.of(now, (String) account[2]);
            // One statement, so one snapshot: read apart, a text accepted in between would be in neither count.
            Object[] counts = (Object[]) em.createNativeQuery("""
                            select (select coalesce(sum(messages), 0) from usage where account_id = ?1 and month = ?2),
                                   (select count(*) from message where account_id = ?1 and status in ('PENDING', 'SENDING'))""")
                    .setParameter(1, m.accountId).setParameter(2, month.toString()).getSingleResult();
            long acceptedThisMonth = ((Number) counts[0]).longValue();
            // The batch's own texts that may go are recorded at its end, after their slots: counted here meanwhile.
            long onTheirWay = ((Number) counts[1]).longValue() + accepted.of(m.accountId);
            if (!MonthlyLimit.allowsAnother(limit, acceptedThisMonth, onTheirWay)) {
                if (MonthlyLimit.reached(limit, acceptedThisMonth)) {
                    // Otherwise the texts still on their way reach it, and their acceptance tells.
                    outcomes.limitReached(m.accountId, month, limit);
                }
                return Optional.of(new Rejection(MessageRejected.Reason.LIMIT,
                        "limit: the account's monthly limit of " + limit + " texts is used up for " + month));
            }
        }
        return Optional.empty();
    }

    /**
     * Opted out?, the monthly limit, the time zone, the Twilio account texts go through, the plan's recipient
     * countries and the account's numbers: one round trip.
     */
    private Object[] accountFacts(String accountId, String to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select (select opted_out from opt_out where account_id = ?1 and phone = ?2),
                               (select monthly_messages from messaging_limit where account_id = ?1),
                               (select time_zone from business_profile where account_id = ?1),
                               (select twilio_account_sid from business_profile where account_id = ?1),
                               (select countries from recipient_countries where account_id = ?1),
                               (select string_agg(number, ',') from account_number where account_id = ?1)""")
                .setParameter(1, accountId).setParameter(2, to).getResultList();
        return rows.get(0);
    }

    /** A comma-separated column as a list; null stays null (no plan), empty is an empty list. */
    private static List<String> csv(String value) {
        return value == null ? null : value.isBlank() ? List.of() : List.of(value.split(","));
    }

    private record Rejection(MessageRejected.Reason reason, String detail) {
    }

    /** The texts of a batch that may go, in its order, not yet written; and how many each account has among them. */
    private static final class Accepted {

        final List<Message> texts = new ArrayList<>();
        private final Map<String, Integer> byAccount = new HashMap<>();

        void add(Message m) {
            texts.add(m);
            byAccount.merge(m.accountId, 1, Integer::sum);
        }

        int of(String accountId) {
            return byAccount.getOrDefault(accountId, 0);
        }
    }
}

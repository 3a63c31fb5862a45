package com.mctb.messaging.sending;

import com.mctb.contracts.Keys;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.Channel;
import com.mctb.contracts.event.MessageAccepted;
import com.mctb.contracts.event.MessageCause;
import com.mctb.contracts.event.MessageFailed;
import com.mctb.contracts.event.MessageRejected;
import com.mctb.contracts.event.UsageLimitReached;
import com.mctb.contracts.phone.PhoneNumbers;
import com.mctb.contracts.sms.SmsSegments;
import com.mctb.kit.outbox.Outbox;
import com.mctb.kit.tx.AfterCommit;
import com.mctb.messaging.domain.AccountMonths;
import com.mctb.messaging.domain.MessageStatus;
import com.mctb.messaging.domain.MonthlyLimit;
import com.mctb.messaging.metrics.MessagingMetrics;
import com.mctb.messaging.persistence.BusinessProfiles;
import com.mctb.messaging.persistence.Message;
import com.mctb.messaging.persistence.MessagingLimits;
import com.mctb.messaging.persistence.UsageLedger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The database side of sending, each in one transaction for many texts: claiming texts for sending, and recording
 * what Twilio made of them with their usage and their events (through the outbox, in the same transaction).
 */
@ApplicationScoped
public class MessageOutcomes {

    private static final Logger LOG = Logger.getLogger(MessageOutcomes.class);

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    UsageLedger usage;

    @Inject
    MessagingLimits limits;

    @Inject
    BusinessProfiles profiles;

    @Inject
    MessagingMetrics metrics;

    @Inject
    AfterCommit afterCommit;

    /**
     * Claims PENDING texts for sending (PENDING to SENDING), committed before any request to Twilio: whatever happens
     * next, no other instance and no redelivery sends them. A text whose recipient opted out while it waited is
     * rejected instead.
     *
     * @return the claimed texts' claims (time and fencing token); texts not returned were not PENDING (or were
     *         rejected)
     */
    @Transactional
    public Map<UUID, Claim> claim(Collection<UUID> ids) {
        Map<UUID, Claim> claimed = new HashMap<>();
        if (ids.isEmpty()) {
            return claimed;
        }
        // One statement: each PENDING text becomes SENDING, or REJECTED when its recipient opted out meanwhile.
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        update message m set
                            status = case when d.opted_out then 'REJECTED' else 'SENDING' end,
                            reject_reason = case when d.opted_out then 'OPTED_OUT' else m.reject_reason end,
                            claimed_at = case when d.opted_out then m.claimed_at else now() end,
                            lease = case when d.opted_out then m.lease else m.lease + 1 end,
                            updated_at = now(), status_at = now()
                        from (select p.id, exists (select 1 from opt_out o where o.account_id = p.account_id
                                  and o.phone = p.to_number and o.opted_out) as opted_out
                              from message p where p.id in (:ids) and p.status = 'PENDING') d
                        where m.id = d.id and m.status = 'PENDING'
                        returning m.id, d.opted_out, m.claimed_at, m.command_id, m.account_id, m.to_number, m.channel,
                            m.lease""")
                .setParameter("ids", ids).getResultList();
        Instant now = Instant.now();
        for (Object[] r : rows) {
            if (Boolean.TRUE.equals(r[1])) {
                rejectedEvent((String) r[3], (String) r[4], (String) r[5], Channel.valueOf((String) r[6]),
                        MessageRejected.Reason.OPTED_OUT, "the recipient opted out of the account's texts", now);
            } else {
                claimed.put((UUID) r[0], new Claim(instant(r[2]), ((Number) r[7]).longValue()));
            }
        }
        return claimed;
    }

    /** A text's claim: when, and its fencing token. */
    public record Claim(Instant at, long lease) {
    }

    /**
     * Whether this instance's claim of a SENDING text still holds (its fencing token is the row's), renewing its lease
     * when it does; one statement. False: another instance took the text over (this one was paused past its lease).
     */
    @Transactional
    public boolean stillHolds(UUID id, long lease) {
        return em.createNativeQuery(
                        "update message set updated_at = now() where id = ?1 and lease = ?2 and status = 'SENDING'")
                .setParameter(1, id).setParameter(2, lease).executeUpdate() == 1;
    }

    /**
     * Takes over texts whose lease ran out (recovery): lease renewed and fencing token advanced, so the instance that
     * held them can no longer send or record them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void takeOver(Collection<UUID> ids) {
        if (!ids.isEmpty()) {
            em.createNativeQuery("update message set updated_at = now(), lease = lease + 1 where id in (:ids)")
                    .setParameter("ids", ids).executeUpdate();
        }
    }

    /**
     * Records what became of texts: accepted (with usage), failed or rejected; one transaction for all. An outcome is
     * written only while its claim's fencing token is the row's ({@code lease}, read under the row lock): the outcome
     * of an instance that was taken over is dropped, and the instance that took over reconciles with Twilio.
     */
    @Transactional
    public void record(List<SendOutcome> settled) {
        // The statements below touch other tables than the loaded messages: no flush before each (see MessageIntake).
        em.setFlushMode(jakarta.persistence.FlushModeType.COMMIT);
        Usage counted = new Usage();
        Map<UUID, Message> rows = new HashMap<>();
        // Rows locked in id order, as DeliveryStatuses locks them: two batches never wait for each other in a circle.
        em.createQuery("select m from Message m where m.id in :ids order by m.id", Message.class)
                .setParameter("ids", settled.stream().map(s -> s.text().id()).distinct().toList())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList().forEach(m -> rows.put(m.id, m));
        for (SendOutcome s : settled) {
            Message m = rows.get(s.text().id());
            if (m == null) {
                continue;
            }
            if (m.lease != s.text().lease()) {
                LOG.warnf("command %s: its claim (lease %d) was taken over (lease %d); outcome %s not recorded here",
                        m.commandId, s.text().lease(), m.lease, s.getClass().getSimpleName());
                continue;
            }
            if (s instanceof SendOutcome.Accepted a) {
                accept(m, a.sid(), a.acceptedAt(), counted);
            } else if (s instanceof SendOutcome.Refused f) {
                fail(m, f.code(), f.message());
            } else if (s instanceof SendOutcome.Rejected r) {
                reject(m, r.reason(), r.detail());
            }
        }
        counted.book();
    }

    /** Records a text Twilio accepted, learnt from a status callback before (or instead of) the API's answer. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void adopt(Message m, String sid, Instant acceptedAt) {
        Usage counted = new Usage();
        accept(m, sid, acceptedAt, counted);
        counted.book();
    }

    /** A WhatsApp text goes as SMS: its command allowed it and no WhatsApp session is open. */
    @Transactional
    public void fallBackToSms(UUID id) {
        em.createNativeQuery("update message set channel = 'SMS', fell_back_to_sms = true, updated_at = now() where id = ?1")
                .setParameter(1, id).executeUpdate();
    }

    /**
     * Renews the lease of texts this instance is working on, so recovery elsewhere leaves them alone; only of those
     * last touched longer ago than {@code olderThan}. Most texts settle within a second of being held, and every
     * renewal writes the row anew (and its {@code message_unsettled} index entry): renewing all of them at every round
     * was a tenth of PostgreSQL's active statements sampled at 200 calls/s, when thousands of texts are held while the
     * senders catch up.
     */
    @Transactional
    public int renewLeases(Collection<UUID> ids, Duration olderThan) {
        if (ids.isEmpty()) {
            return 0;
        }
        return em.createNativeQuery("""
                        update message set updated_at = now() where id in (:ids) and status in ('PENDING', 'SENDING')
                        and updated_at < now() - make_interval(secs => :age)""")
                .setParameter("ids", ids).setParameter("age", olderThan.toMillis() / 1000.0).executeUpdate();
    }

    /** Which of these Twilio SIDs are already recorded for a text. */
    @Transactional
    public Set<String> knownSids(Collection<String> sids) {
        if (sids.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<String> known = em.createNativeQuery("select twilio_sid from message where twilio_sid in (:sids)")
                .setParameter("sids", sids).getResultList();
        return new HashSet<>(known);
    }

    private void accept(Message m, String sid, Instant acceptedAt, Usage counted) {
        if (m.twilioSid != null) {
            if (!m.twilioSid.equals(sid)) {
                // Two Twilio messages for one command: only possible if a stopped instance woke up after its text was
                // reconciled and resent. Counted once; logged so it can be followed up.
                LOG.errorf("command %s: Twilio message %s is a second text; %s was recorded first", m.commandId, sid,
                        m.twilioSid);
            }
            return;
        }
        if (m.status != MessageStatus.PENDING && m.status != MessageStatus.SENDING) {
            LOG.warnf("command %s: Twilio accepted %s but the text is %s; recorded as it is", m.commandId, sid, m.status);
        }
        m.twilioSid = sid;
        m.acceptedAt = acceptedAt;
        if (m.status == MessageStatus.PENDING || m.status == MessageStatus.SENDING) {
            m.status = MessageStatus.QUEUED;
        }
        m.segments = segments(m.channel, m.body);
        m.updatedAt = Instant.now();
        m.statusAt = m.updatedAt;
        counted.add(m);
        outbox.publish(Topics.SMS_EVENTS, Keys.accountAndPhone(m.accountId, m.toNumber), new MessageAccepted(
                m.commandId, m.accountId, sid, m.channel, m.fromNumber, m.toNumber, m.segments, m.cause, m.callSid,
                m.missedAt, acceptedAt));
        Channel channel = m.channel;
        int segments = m.segments;
        afterCommit.run(() -> {
            metrics.text(channel, "accepted");
            metrics.segments(channel, segments);
        });
        if (LOG.isDebugEnabled()) {
            LOG.debugf("command %s accepted by Twilio as %s (account %s, to %s, %s, %d segment(s))", m.commandId, sid,
                    m.accountId, PhoneNumbers.mask(m.toNumber), m.channel, m.segments);
        }
    }

    private void fail(Message m, Integer code, String message) {
        if (m.status != MessageStatus.SENDING && m.status != MessageStatus.PENDING) {
            return;
        }
        m.status = MessageStatus.FAILED;
        m.errorCode = code;
        m.errorMessage = message;
        m.updatedAt = Instant.now();
        m.statusAt = m.updatedAt;
        outbox.publish(Topics.SMS_EVENTS, Keys.accountAndPhone(m.accountId, m.toNumber), new MessageFailed(
                m.commandId, m.accountId, null, m.toNumber, code, message, false, m.updatedAt));
        Channel channel = m.channel;
        afterCommit.run(() -> metrics.text(channel, "failed"));
        LOG.warnf("command %s failed: Twilio %s: %s (account %s, to %s)", m.commandId, code, masked(message),
                m.accountId, PhoneNumbers.mask(m.toNumber));
    }

    private void reject(Message m, MessageRejected.Reason reason, String detail) {
        if (m.status != MessageStatus.SENDING && m.status != MessageStatus.PENDING) {
            return;
        }
        m.status = MessageStatus.REJECTED;
        m.rejectReason = reason.name();
        m.errorMessage = detail;
        m.updatedAt = Instant.now();
        m.statusAt = m.updatedAt;
        rejectedEvent(m.commandId, m.accountId, m.toNumber, m.channel, reason, detail, m.updatedAt);
    }

    /** Publishes MessageRejected (in the caller's transaction) and counts it once committed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void rejectedEvent(String commandId, String accountId, String to, Channel channel,
            MessageRejected.Reason reason, String detail, Instant at) {
        outbox.publish(Topics.SMS_EVENTS, Keys.accountAndPhone(accountId, to),
                new MessageRejected(commandId, accountId, to, reason, detail, at));
        afterCommit.run(() -> {
            metrics.text(channel, "rejected");
            if (reason == MessageRejected.Reason.LIMIT) {
                metrics.limitRejection();
            }
        });
        LOG.infof("command %s rejected: %s (account %s, to %s)", commandId, reason, accountId, PhoneNumbers.mask(to));
    }

    /** Publishes UsageLimitReached for the account and month unless it already was. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void limitReached(String accountId, YearMonth month, int limit) {
        if (usage.firstLimitNotice(accountId, month)) {
            outbox.publish(Topics.SMS_EVENTS, Keys.account(accountId),
                    new UsageLimitReached(accountId, month.toString(), limit, Instant.now()));
            LOG.infof("account %s reached its monthly limit of %d texts for %s", accountId, limit, month);
        }
    }

    /** Twilio's messages name numbers ("The 'To' number +1… is not valid"): masked for the log. */
    static String masked(String text) {
        if (text == null) {
            return null;
        }
        return java.util.regex.Pattern.compile("\\+?\\d{7,15}").matcher(text)
                .replaceAll(r -> java.util.regex.Matcher.quoteReplacement(PhoneNumbers.mask(r.group())));
    }

    /** Segments as Twilio bills them: SmsSegments for SMS; a WhatsApp message is one message, never split. */
    public static int segments(Channel channel, String body) {
        return channel == Channel.WHATSAPP ? 1 : SmsSegments.count(body).segments();
    }

    static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalArgumentException("not a timestamp: " + value);
    }

    /**
     * The texts accepted in one transaction, booked at its end: one upsert per ledger line (account, month in the
     * account's time zone, channel, cause), the accounts' time zones looked up once.
     */
    private final class Usage {

        private final List<Message> accepted = new java.util.ArrayList<>();

        void add(Message m) {
            accepted.add(m);
        }

        void book() {
            if (accepted.isEmpty()) {
                return;
            }
            Set<String> accountIds = new HashSet<>();
            accepted.forEach(m -> accountIds.add(m.accountId));
            Map<String, String> zones = profiles.timeZones(accountIds);
            Map<Line, int[]> lines = new LinkedHashMap<>();
            for (Message m : accepted) {
                Line line = new Line(m.accountId, AccountMonths.of(m.acceptedAt, zones.get(m.accountId)), m.channel, m.cause);
                int[] counts = lines.computeIfAbsent(line, l -> new int[2]);
                counts[0]++;
                counts[1] += m.segments;
            }
            Map<String, Set<YearMonth>> months = new LinkedHashMap<>();
            lines.forEach((line, counts) -> {
                usage.count(line.accountId(), line.month(), line.channel(), line.cause(), counts[0], counts[1]);
                months.computeIfAbsent(line.accountId(), a -> new HashSet<>()).add(line.month());
            });
            Map<String, Integer> limited = limits.of(accountIds);
            months.forEach((accountId, ofAccount) -> {
                Integer limit = limited.get(accountId);
                for (YearMonth month : ofAccount) {
                    if (limit != null && MonthlyLimit.reached(limit, usage.messages(accountId, month))) {
                        limitReached(accountId, month, limit);
                    }
                }
            });
        }
    }

    /** One line of the usage ledger. */
    private record Line(String accountId, YearMonth month, Channel channel, MessageCause cause) {
    }
}

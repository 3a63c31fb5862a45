package com.mctb.messaging.persistence;

import com.mctb.contracts.event.Channel;
import com.mctb.contracts.event.MessageCause;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.YearMonth;
import java.util.List;

/**
 * Texts and segments per account and calendar month (in the account's time zone), by channel and cause, counted once
 * per text Twilio accepted, in the transaction that records the acceptance.
 */
@ApplicationScoped
public class UsageLedger {

    @Inject
    EntityManager em;

    /** Counts accepted texts; call in the transaction that records their acceptance. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void count(String accountId, YearMonth month, Channel channel, MessageCause cause, int messages, int segments) {
        em.createNativeQuery("""
                insert into usage (account_id, month, channel, cause, messages, segments) values (?1, ?2, ?3, ?4, ?5, ?6)
                on conflict (account_id, month, channel, cause)
                do update set messages = usage.messages + excluded.messages, segments = usage.segments + excluded.segments""")
                .setParameter(1, accountId)
                .setParameter(2, month.toString())
                .setParameter(3, channel.name())
                .setParameter(4, cause.name())
                .setParameter(5, messages)
                .setParameter(6, segments)
                .executeUpdate();
    }

    /** Texts accepted for the account in the month, all channels and causes. */
    public long messages(String accountId, YearMonth month) {
        Number n = (Number) em.createNativeQuery(
                        "select coalesce(sum(messages), 0) from usage where account_id = ?1 and month = ?2")
                .setParameter(1, accountId).setParameter(2, month.toString()).getSingleResult();
        return n.longValue();
    }

    /**
     * Records that UsageLimitReached is being published for the account and month; false when it already was, so it
     * is published once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstLimitNotice(String accountId, YearMonth month) {
        return em.createNativeQuery(
                        "insert into usage_limit_notice (account_id, month) values (?1, ?2) on conflict do nothing")
                .setParameter(1, accountId).setParameter(2, month.toString()).executeUpdate() == 1;
    }

    /** One row per channel and cause with any use in the month. */
    public List<Line> month(String accountId, YearMonth month) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "select channel, cause, messages, segments from usage where account_id = ?1 and month = ?2 order by 1, 2")
                .setParameter(1, accountId)
                .setParameter(2, month.toString())
                .getResultList();
        return rows.stream().map(r -> new Line(Channel.valueOf((String) r[0]), MessageCause.valueOf((String) r[1]),
                ((Number) r[2]).intValue(), ((Number) r[3]).intValue())).toList();
    }

    /** Usage of one channel for one cause. */
    public record Line(Channel channel, MessageCause cause, int messages, int segments) {
    }
}

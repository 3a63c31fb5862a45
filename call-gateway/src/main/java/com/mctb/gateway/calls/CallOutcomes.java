package com.mctb.gateway.calls;

import com.mctb.contracts.Keys;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.CallAnswered;
import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.DialStatus;
import com.mctb.kit.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What became of each call, once per CallSid: the first decision (missed or answered) is written with
 * {@code insert ... on conflict do nothing}, so whichever callback, retry or replica comes first decides and every
 * later one finds the row. A missed call's CallMissed is written to the outbox in that same transaction.
 */
@ApplicationScoped
public class CallOutcomes {

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    MeterRegistry registry;

    /** Reports the call as missed; returns false when this CallSid was decided before (nothing is published). */
    @Transactional
    public boolean reportMissed(CallMissed missed) {
        if (!decide(missed.callSid(), missed.accountId(), missed.from(), missed.to(), missed.callerWithheld(),
                "MISSED", missed.dialStatus())) {
            registry.counter("mctb.calls.missed.duplicates").increment();
            return false;
        }
        outbox.publish(Topics.CALLS_MISSED, Keys.accountAndPhone(missed.accountId(), missed.from()), missed);
        registry.counter("mctb.calls.missed", "dial_status", missed.dialStatus().twilioName()).increment();
        return true;
    }

    /**
     * Records that a person took the call, so a later status callback does not report it as missed; the first time,
     * CallAnswered goes to the caller's conversation (a withheld caller has none).
     */
    @Transactional
    public void recordAnswered(String callSid, String accountId, String from, String to, boolean withheld,
            DialStatus status) {
        if (decide(callSid, accountId, from, to, withheld, "ANSWERED", status) && !withheld) {
            outbox.publish(Topics.CALLS_ANSWERED, Keys.accountAndPhone(accountId, from),
                    new CallAnswered(callSid, accountId, from, to, Instant.now()));
        }
        registry.counter("mctb.calls.answered").increment();
    }

    /** The caller, callee and account of a call decided before, e.g. to attach its voicemail. */
    public Optional<DecidedCall> find(String callSid) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "select account_id, from_number, to_number, outcome from call_outcome where call_sid = ?1")
                .setParameter(1, callSid).getResultList();
        return rows.stream().findFirst().map(r -> new DecidedCall(callSid, (String) r[0], (String) r[1], (String) r[2],
                "MISSED".equals(r[3])));
    }

    private boolean decide(String callSid, String accountId, String from, String to, boolean withheld, String outcome,
            DialStatus status) {
        return em.createNativeQuery("""
                insert into call_outcome (call_sid, account_id, from_number, to_number, caller_withheld, outcome, dial_status)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict (call_sid) do nothing""")
                .setParameter(1, callSid)
                .setParameter(2, accountId)
                .setParameter(3, from)
                .setParameter(4, to)
                .setParameter(5, withheld)
                .setParameter(6, outcome)
                .setParameter(7, status.twilioName())
                .executeUpdate() == 1;
    }

    /** A call the gateway decided on. */
    public record DecidedCall(String callSid, String accountId, String from, String to, boolean missed) {
    }
}

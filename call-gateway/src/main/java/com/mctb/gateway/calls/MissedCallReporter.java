package com.mctb.gateway.calls;

import com.mctb.contracts.Keys;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.CallMissed;
import com.mctb.kit.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Reports a missed call once per CallSid: the CallSid's row and the CallMissed event are written in one
 * transaction, so whichever callback (or replica, or retry) comes first reports it and every later one finds the
 * row.
 */
@ApplicationScoped
public class MissedCallReporter {

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    MeterRegistry registry;

    /** Returns true when this call reported it, false when it had been reported already. */
    @Transactional
    public boolean report(CallMissed missed) {
        int inserted = em.createNativeQuery("""
                insert into reported_call (call_sid, account_id, dial_status) values (?1, ?2, ?3)
                on conflict (call_sid) do nothing""")
                .setParameter(1, missed.callSid())
                .setParameter(2, missed.accountId())
                .setParameter(3, missed.dialStatus().twilioName())
                .executeUpdate();
        if (inserted == 0) {
            registry.counter("mctb.calls.missed.duplicates").increment();
            return false;
        }
        outbox.publish(Topics.CALLS_MISSED, Keys.accountAndPhone(missed.accountId(), missed.from()), missed);
        registry.counter("mctb.calls.missed", "dial_status", missed.dialStatus().twilioName()).increment();
        return true;
    }
}

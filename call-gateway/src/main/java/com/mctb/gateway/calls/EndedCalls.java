package com.mctb.gateway.calls;

import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.DialStatus;
import com.mctb.gateway.config.GatewayConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Missed calls the dial callback never reported: Twilio's final status callback for a call to one of our numbers is
 * noted here, and if after a grace period no outcome was decided for that CallSid (the caller hung up before or
 * while it rang, and no dial callback came), the call is reported as missed then. A call whose decision is still on
 * {@link MissedCallSpool} (missed or answered, the database did not take it in time) is decided: it is not reported
 * from here. Claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so replicas share the work without reporting a call twice (the outcome row would
 * stop them anyway).
 */
@ApplicationScoped
public class EndedCalls {

    private static final Logger LOG = Logger.getLogger(EndedCalls.class);

    @Inject
    EntityManager em;

    @Inject
    GatewayConfig config;

    @Inject
    CallOutcomes outcomes;

    @Inject
    MissedCallSpool spool;

    /** Notes that Twilio says the call ended, to be checked once the grace period has passed. */
    @Transactional
    public void ended(String callSid, String accountId, String from, String to, boolean withheld, String callStatus) {
        em.createNativeQuery("""
                insert into ended_call (call_sid, account_id, from_number, to_number, caller_withheld, call_status, check_after)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict (call_sid) do nothing""")
                .setParameter(1, callSid)
                .setParameter(2, accountId)
                .setParameter(3, from)
                .setParameter(4, to)
                .setParameter(5, withheld)
                .setParameter(6, callStatus)
                .setParameter(7, Timestamp.from(Instant.now().plus(config.statusGrace())))
                .executeUpdate();
    }

    @Scheduled(every = "${mctb.gateway.ended-call-check-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void reportUndecided() {
        int reported;
        do {
            reported = QuarkusTransaction.requiringNew().call(this::reportDueBatch);
        } while (reported == 100);
    }

    /** Reports up to 100 due calls without an outcome and forgets every due one; returns how many it looked at. */
    int reportDueBatch() {
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery("""
                select call_sid, account_id, from_number, to_number, caller_withheld, call_status, ended_at
                from ended_call where check_after <= now() order by check_after limit 100 for update skip locked""")
                .getResultList();
        for (Object[] row : due) {
            String callSid = (String) row[0];
            if (spool.holds(callSid)) {
                // Decided, but on the disk spool (the database did not take it in time): the spool writes it.
                LOG.debugf("call %s ended: its decision is on the spool, not reported from here", callSid);
            } else if (outcomes.find(callSid).isEmpty()) {
                DialStatus status = DialStatus.fromTwilio((String) row[5])
                        .filter(DialStatus::isMissed).orElse(DialStatus.CANCELED);
                if (outcomes.reportMissed(new CallMissed(callSid, (String) row[1], (String) row[2], (String) row[3],
                        status, null, (Boolean) row[4], instant(row[6])))) {
                    LOG.infof("call %s ended without a dial outcome (%s): reported as missed", callSid, row[5]);
                }
            }
            em.createNativeQuery("delete from ended_call where call_sid = ?1").setParameter(1, callSid).executeUpdate();
        }
        return due.size();
    }

    private static Instant instant(Object value) {
        return value instanceof Timestamp ts ? ts.toInstant() : (Instant) value;
    }
}

package com.mctb.gateway.calls;

import com.mctb.contracts.Keys;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.CallAnswered;
import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.DialStatus;
import com.mctb.kit.outbox.Outbox;
import com.mctb.kit.tracing.Traces;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hibernate.Session;

/**
 * What became of each call, once per CallSid: the first decision (missed or answered) is written with
 * {@code insert ... on conflict do nothing}, so whichever callback, retry or replica comes first decides and every
 * later one finds the row. A missed call's CallMissed (an answered call's CallAnswered) is written to the outbox in
 * that same transaction. {@link #decideAll} writes many decisions with one statement, for {@link OutcomeWriter}'s
 * group commit and the spool's replay.
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
        return decideAll(List.of(Decision.missed(missed))).get(0);
    }

    /**
     * Records that a person took the call, so a later status callback does not report it as missed; the first time,
     * CallAnswered goes to the caller's conversation (a withheld caller has none).
     */
    @Transactional
    public void recordAnswered(String callSid, String accountId, String from, String to, boolean withheld,
            DialStatus status) {
        decideAll(List.of(Decision.answered(callSid, accountId, from, to, withheld, status)));
    }

    /**
     * Writes the decisions in one statement, in the caller's transaction (or its own): for each, true when it was the
     * first for its CallSid (its event is in the outbox), false when the CallSid was decided before, or earlier in
     * the list.
     */
    @Transactional
    public List<Boolean> decideAll(List<Decision> decisions) {
        List<Decision> firsts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Decision d : decisions) {
            if (seen.add(d.callSid())) {
                firsts.add(d);
            }
        }
        Set<String> inserted = insert(firsts);
        List<Boolean> won = new ArrayList<>(decisions.size());
        Set<String> published = new HashSet<>();
        List<Outbox.Publication> events = new ArrayList<>();
        for (Decision d : decisions) {
            boolean first = inserted.contains(d.callSid()) && published.add(d.callSid());
            won.add(first);
            if (d.missed() != null) {
                if (first) {
                    CallMissed m = d.missed();
                    events.add(new Outbox.Publication(Topics.CALLS_MISSED, Keys.accountAndPhone(m.accountId(), m.from()),
                            m, d.traceparent()));
                    registry.counter("mctb.calls.missed", "dial_status", m.dialStatus().twilioName()).increment();
                } else {
                    registry.counter("mctb.calls.missed.duplicates").increment();
                }
            } else {
                if (first && !d.withheld()) {
                    events.add(new Outbox.Publication(Topics.CALLS_ANSWERED, Keys.accountAndPhone(d.accountId(),
                            d.from()), new CallAnswered(d.callSid(), d.accountId(), d.from(), d.to(), Instant.now()),
                            d.traceparent()));
                }
                registry.counter("mctb.calls.answered").increment();
            }
        }
        outbox.publishAll(events); // one statement for the batch's events, in the decisions' order
        return won;
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

    /** One row per distinct CallSid, in one statement; returns the CallSids it inserted. */
    private Set<String> insert(List<Decision> decisions) {
        int n = decisions.size();
        String[] sids = new String[n];
        String[] accounts = new String[n];
        String[] froms = new String[n];
        String[] tos = new String[n];
        Boolean[] withheld = new Boolean[n];
        String[] outcomes = new String[n];
        String[] statuses = new String[n];
        for (int i = 0; i < n; i++) {
            Decision d = decisions.get(i);
            sids[i] = d.callSid();
            accounts[i] = d.accountId();
            froms[i] = d.from();
            tos[i] = d.to();
            withheld[i] = d.withheld();
            outcomes[i] = d.missed() != null ? "MISSED" : "ANSWERED";
            statuses[i] = d.status().twilioName();
        }
        Set<String> inserted = new HashSet<>();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into call_outcome (call_sid, account_id, from_number, to_number, caller_withheld, outcome, dial_status)
                    select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[], ?::text[])
                    on conflict (call_sid) do nothing returning call_sid""")) {
                insert.setArray(1, array(connection, "text", sids));
                insert.setArray(2, array(connection, "text", accounts));
                insert.setArray(3, array(connection, "text", froms));
                insert.setArray(4, array(connection, "text", tos));
                insert.setArray(5, array(connection, "boolean", withheld));
                insert.setArray(6, array(connection, "text", outcomes));
                insert.setArray(7, array(connection, "text", statuses));
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        inserted.add(rows.getString(1));
                    }
                }
            }
        });
        return inserted;
    }

    private static Array array(Connection connection, String type, Object[] values) throws SQLException {
        return connection.createArrayOf(type, values);
    }

    /**
     * A call's first decision, to be written.
     *
     * @param missed the CallMissed to publish if this decides the call as missed; null for an answered call
     */
    /**
     * @param traceparent the webhook's trace, taken where the decision is made: the batch is written on the writer's
     *                    thread, and its outbox rows must carry each call's own trace on to Kafka
     */
    public record Decision(String callSid, String accountId, String from, String to, boolean withheld,
            DialStatus status, CallMissed missed, String traceparent) {

        public static Decision missed(CallMissed m) {
            return new Decision(m.callSid(), m.accountId(), m.from(), m.to(), m.callerWithheld(), m.dialStatus(), m,
                    Traces.current());
        }

        public static Decision answered(String callSid, String accountId, String from, String to, boolean withheld,
                DialStatus status) {
            return new Decision(callSid, accountId, from, to, withheld, status, null, Traces.current());
        }
    }

    /** A call the gateway decided on. */
    public record DecidedCall(String callSid, String accountId, String from, String to, boolean missed) {
    }
}

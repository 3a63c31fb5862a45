package com.mctb.gateway.calls;

import com.mctb.gateway.domain.LegEnded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

/**
 * The legs of each call's ring pattern, as they ended ({@code call_leg}): the call's record of who was rung and what
 * came of it, and, for a recording, who answered ({@link WhoAnswered}). A retried callback finds its leg's row and
 * changes nothing.
 */
@ApplicationScoped
public class CallLegs {

    @Inject
    EntityManager em;

    /**
     * A leg as kept.
     *
     * @param answeredNumber the number (or {@code client:identity}) the caller was connected to, when the leg was
     *                       answered and it is known
     * @param answeredUserId the team member whose mobile {@code answeredNumber} is, or null
     */
    public record Leg(String callSid, int index, String accountId, String from, String to, List<String> rang,
            String userId, int ringSeconds, String dialStatus, LegEnded.Outcome outcome, String answeredNumber,
            String answeredUserId) {
    }

    /** Who answered a leg: the number the caller was connected to and, when it is a team member's mobile, the member. */
    public record AnsweredBy(String number, String userId) {
    }

    /**
     * A leg that ended, to be kept, with who answered it when that is known already ({@code answeredBy} null: not).
     */
    public record Ended(CallEffects.Call call, String accountId, LegEnded ended, AnsweredBy answeredBy) {
    }

    /**
     * Keeps how each leg ended, in one statement (for {@link OutcomeWriter}'s group commit, in its transaction or
     * one of its own); a leg kept before (a retried callback) is left as it is.
     */
    @Transactional
    public void endedAll(List<Ended> legs) {
        int n = legs.size();
        String[] sids = new String[n];
        Integer[] indexes = new Integer[n];
        String[] accounts = new String[n];
        String[] froms = new String[n];
        String[] tos = new String[n];
        String[] rang = new String[n];
        String[] users = new String[n];
        Integer[] ringSeconds = new Integer[n];
        String[] statuses = new String[n];
        String[] outcomes = new String[n];
        String[] answeredNumbers = new String[n];
        String[] answeredUsers = new String[n];
        for (int i = 0; i < n; i++) {
            Ended e = legs.get(i);
            sids[i] = e.call().callSid();
            indexes[i] = e.ended().leg().index();
            accounts[i] = e.accountId();
            froms[i] = e.call().from() == null ? "" : e.call().from();
            tos[i] = e.call().to();
            rang[i] = String.join(",", e.ended().leg().numbers());
            users[i] = e.ended().leg().userId();
            ringSeconds[i] = e.ended().leg().ringSeconds();
            statuses[i] = e.ended().dialStatus();
            outcomes[i] = e.ended().outcome().name();
            answeredNumbers[i] = e.answeredBy() == null ? null : e.answeredBy().number();
            answeredUsers[i] = e.answeredBy() == null ? null : e.answeredBy().userId();
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into call_leg (call_sid, leg_index, account_id, from_number, to_number, rang_numbers, user_id,
                        ring_seconds, dial_status, outcome, answered_number, answered_user_id)
                    select * from unnest(?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::int[], ?::text[], ?::text[], ?::text[], ?::text[])
                    on conflict do nothing""")) {
                Object[][] columns = {sids, indexes, accounts, froms, tos, rang, users, ringSeconds, statuses, outcomes,
                        answeredNumbers, answeredUsers};
                for (int c = 0; c < columns.length; c++) {
                    String type = columns[c] instanceof Integer[] ? "int" : "text";
                    insert.setArray(c + 1, connection.createArrayOf(type, columns[c]));
                }
                insert.executeUpdate();
            }
        });
    }

    /**
     * Who answered leg {@code index} of the call, learnt after its row was kept (from Twilio); a leg that knows it
     * already keeps what it knows. Returns whether the row took it.
     */
    @Transactional
    public boolean answeredBy(String callSid, int index, AnsweredBy answeredBy) {
        return em.createNativeQuery("update call_leg set answered_number = ?3, answered_user_id = ?4 "
                        + "where call_sid = ?1 and leg_index = ?2 and outcome = 'ANSWERED' and answered_number is null")
                .setParameter(1, callSid).setParameter(2, index).setParameter(3, answeredBy.number())
                .setParameter(4, answeredBy.userId())
                .executeUpdate() > 0;
    }

    /** The call's legs in the order they rang. */
    public List<Leg> of(String callSid) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select leg_index, account_id, from_number, to_number, rang_numbers, "
                        + "user_id, ring_seconds, dial_status, outcome, answered_number, answered_user_id "
                        + "from call_leg where call_sid = ?1 order by leg_index")
                .setParameter(1, callSid).getResultList();
        return rows.stream().map(r -> new Leg(callSid, ((Number) r[0]).intValue(), (String) r[1], (String) r[2],
                (String) r[3], ((String) r[4]).isEmpty() ? List.of() : List.of(((String) r[4]).split(",")),
                (String) r[5], ((Number) r[6]).intValue(), (String) r[7], LegEnded.Outcome.valueOf((String) r[8]),
                (String) r[9], (String) r[10]))
                .toList();
    }

    /** The leg a person answered, if one did. */
    public Optional<Leg> answered(String callSid) {
        return of(callSid).stream().filter(l -> l.outcome() == LegEnded.Outcome.ANSWERED).findFirst();
    }
}

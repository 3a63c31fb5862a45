package com.mctb.gateway.calls;

import com.mctb.gateway.domain.LegEnded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * The legs of each call's ring pattern, as they ended ({@code call_leg}): the call's record of who was rung and what
 * came of it, and, for a recording, who answered. A retried callback finds its leg's row and changes nothing.
 */
@ApplicationScoped
public class CallLegs {

    @Inject
    EntityManager em;

    /** A leg as kept. */
    public record Leg(String callSid, int index, String accountId, String from, String to, List<String> rang,
            String userId, int ringSeconds, String dialStatus, LegEnded.Outcome outcome) {
    }

    @Transactional
    public void ended(CallEffects.Call call, String accountId, LegEnded ended) {
        em.createNativeQuery("insert into call_leg (call_sid, leg_index, account_id, from_number, to_number, "
                        + "rang_numbers, user_id, ring_seconds, dial_status, outcome) "
                        + "values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) on conflict do nothing")
                .setParameter(1, call.callSid()).setParameter(2, ended.leg().index()).setParameter(3, accountId)
                .setParameter(4, call.from() == null ? "" : call.from()).setParameter(5, call.to())
                .setParameter(6, String.join(",", ended.leg().numbers())).setParameter(7, ended.leg().userId())
                .setParameter(8, ended.leg().ringSeconds()).setParameter(9, ended.dialStatus())
                .setParameter(10, ended.outcome().name())
                .executeUpdate();
    }

    /** The call's legs in the order they rang. */
    public List<Leg> of(String callSid) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select leg_index, account_id, from_number, to_number, rang_numbers, "
                        + "user_id, ring_seconds, dial_status, outcome from call_leg where call_sid = ?1 order by leg_index")
                .setParameter(1, callSid).getResultList();
        return rows.stream().map(r -> new Leg(callSid, ((Number) r[0]).intValue(), (String) r[1], (String) r[2],
                (String) r[3], ((String) r[4]).isEmpty() ? List.of() : List.of(((String) r[4]).split(",")),
                (String) r[5], ((Number) r[6]).intValue(), (String) r[7], LegEnded.Outcome.valueOf((String) r[8])))
                .toList();
    }

    /** The leg a person answered, if one did. */
    public Optional<Leg> answered(String callSid) {
        return of(callSid).stream().filter(l -> l.outcome() == LegEnded.Outcome.ANSWERED).findFirst();
    }
}

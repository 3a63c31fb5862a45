package com.mctb.messaging.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** Who opted out of an account's texts (by STOP and the like), and who opted back in. */
@ApplicationScoped
public class OptOuts {

    @Inject
    EntityManager em;

    public boolean isOptedOut(String accountId, String phone) {
        List<?> rows = em.createNativeQuery("select 1 from opt_out where account_id = ?1 and phone = ?2 and opted_out")
                .setParameter(1, accountId).setParameter(2, phone).getResultList();
        return !rows.isEmpty();
    }

    /**
     * Records an opt-out or opt-in; true when it changed the contact's state (a second STOP changes nothing).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean record(String accountId, String phone, boolean optedOut, String keyword, Instant at) {
        return em.createNativeQuery("""
                insert into opt_out (account_id, phone, opted_out, keyword, changed_at) values (?1, ?2, ?3, ?4, ?5)
                on conflict (account_id, phone) do update
                set opted_out = excluded.opted_out, keyword = excluded.keyword, changed_at = excluded.changed_at
                where opt_out.opted_out <> excluded.opted_out""")
                .setParameter(1, accountId).setParameter(2, phone).setParameter(3, optedOut)
                .setParameter(4, keyword).setParameter(5, at)
                .executeUpdate() == 1;
    }
}

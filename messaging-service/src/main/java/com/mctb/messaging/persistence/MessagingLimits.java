package com.mctb.messaging.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Each account's monthly messaging limit (no row or null: unlimited). */
@ApplicationScoped
public class MessagingLimits {

    @Inject
    EntityManager em;

    public Optional<Integer> monthlyMessages(String accountId) {
        List<?> rows = em.createNativeQuery("select monthly_messages from messaging_limit where account_id = ?1")
                .setParameter(1, accountId).getResultList();
        return rows.stream().findFirst().map(v -> v == null ? null : ((Number) v).intValue());
    }

    /** The limits of those of these accounts that have one. */
    public Map<String, Integer> of(Collection<String> accountIds) {
        Map<String, Integer> limits = new HashMap<>();
        if (accountIds.isEmpty()) {
            return limits;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select account_id, monthly_messages from messaging_limit
                        where account_id in (:ids) and monthly_messages is not null""")
                .setParameter("ids", accountIds).getResultList();
        rows.forEach(r -> limits.put((String) r[0], ((Number) r[1]).intValue()));
        return limits;
    }

    @Transactional
    public void set(String accountId, Integer monthlyMessages) {
        // Null is written as a literal: a null parameter of a native query has no SQL type to bind with.
        String value = monthlyMessages == null ? "null" : "?2";
        var insert = em.createNativeQuery("insert into messaging_limit (account_id, monthly_messages, updated_at) values (?1, "
                + value + ", now()) on conflict (account_id) do update set monthly_messages = excluded.monthly_messages,"
                + " updated_at = now()").setParameter(1, accountId);
        if (monthlyMessages != null) {
            insert.setParameter(2, monthlyMessages);
        }
        insert.executeUpdate();
    }
}

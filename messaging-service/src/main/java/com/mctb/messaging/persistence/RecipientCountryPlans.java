package com.mctb.messaging.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The recipient countries an operator set for an account (no row: the countries of the account's own numbers). */
@ApplicationScoped
public class RecipientCountryPlans {

    @Inject
    EntityManager em;

    /** The plan's countries, or empty when the account has the default. */
    public Optional<List<String>> of(String accountId) {
        List<?> rows = em.createNativeQuery("select countries from recipient_countries where account_id = ?1")
                .setParameter(1, accountId).getResultList();
        return rows.stream().findFirst().map(String.class::cast)
                .map(v -> v.isBlank() ? List.<String>of() : List.of(v.split(",")));
    }

    /** Sets the plan's countries; null goes back to the default. */
    @Transactional
    public void set(String accountId, Collection<String> countries) {
        if (countries == null) {
            em.createNativeQuery("delete from recipient_countries where account_id = ?1").setParameter(1, accountId)
                    .executeUpdate();
            return;
        }
        em.createNativeQuery("""
                        insert into recipient_countries (account_id, countries, updated_at) values (?1, ?2, now())
                        on conflict (account_id) do update set countries = excluded.countries, updated_at = now()""")
                .setParameter(1, accountId).setParameter(2, String.join(",", countries)).executeUpdate();
    }
}

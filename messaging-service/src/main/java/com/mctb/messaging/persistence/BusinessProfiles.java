package com.mctb.messaging.persistence;

import com.mctb.contracts.event.BusinessProfileChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * This service's copy of the accounts' Business Profiles (settings.business): the time zone the usage ledger counts
 * months in, the name HELP answers with, and the numbers that tell which account an inbound text is for.
 */
@ApplicationScoped
public class BusinessProfiles {

    @Inject
    EntityManager em;

    /** Keeps the newest snapshot; an older one arriving late changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(BusinessProfileChanged event) {
        int changed = em.createNativeQuery("""
                insert into business_profile (account_id, business_name, time_zone, version, twilio_account_sid)
                values (?1, ?2, ?3, ?4, ?5)
                on conflict (account_id) do update set business_name = excluded.business_name,
                time_zone = excluded.time_zone, version = excluded.version,
                twilio_account_sid = excluded.twilio_account_sid
                where business_profile.version <= excluded.version""")
                .setParameter(1, event.accountId()).setParameter(2, event.businessName())
                .setParameter(3, event.timeZone()).setParameter(4, event.version())
                // Typed, so a null (the main account) binds as text.
                .setParameter(5, new TypedParameterValue<>(StandardBasicTypes.STRING, event.twilioAccountSid()))
                .executeUpdate();
        if (changed == 0) {
            return;
        }
        Set<String> numbers = new LinkedHashSet<>(event.numbers());
        if (event.defaultNumber() != null) {
            numbers.add(event.defaultNumber());
        }
        em.createNativeQuery("delete from account_number where account_id = ?1").setParameter(1, event.accountId())
                .executeUpdate();
        for (String number : numbers) {
            em.createNativeQuery("""
                    insert into account_number (number, account_id) values (?1, ?2)
                    on conflict (number) do update set account_id = excluded.account_id""")
                    .setParameter(1, number).setParameter(2, event.accountId()).executeUpdate();
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void delete(String accountId) {
        em.createNativeQuery("delete from account_number where account_id = ?1").setParameter(1, accountId).executeUpdate();
        em.createNativeQuery("delete from business_profile where account_id = ?1").setParameter(1, accountId).executeUpdate();
    }

    /** The account whose number this is. */
    public Optional<String> accountOwning(String number) {
        List<?> rows = em.createNativeQuery("select account_id from account_number where number = ?1")
                .setParameter(1, number).getResultList();
        return rows.stream().findFirst().map(String.class::cast);
    }

    /**
     * The account whose number this is, and the Twilio account that holds it (null: the platform's main account):
     * a webhook about the number is accepted only from that Twilio account.
     */
    public Optional<Holder> holderOf(String number) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select n.account_id, p.twilio_account_sid from account_number n
                        left join business_profile p on p.account_id = n.account_id where n.number = ?1""")
                .setParameter(1, number).getResultList();
        return rows.stream().findFirst().map(r -> new Holder((String) r[0], (String) r[1]));
    }

    /** The account's numbers, E.164. */
    public List<String> numbers(String accountId) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("select number from account_number where account_id = ?1 order by number")
                .setParameter(1, accountId).getResultList();
        return rows;
    }

    /** One of our numbers: whose it is, and which Twilio account holds it (null: the main account). */
    public record Holder(String accountId, String twilioAccountSid) {
    }

    public Optional<String> businessName(String accountId) {
        List<?> rows = em.createNativeQuery("select business_name from business_profile where account_id = ?1")
                .setParameter(1, accountId).getResultList();
        return rows.stream().findFirst().map(String.class::cast);
    }

    /** The time zones of these accounts, for those whose profile is known. */
    public Map<String, String> timeZones(Collection<String> accountIds) {
        Map<String, String> zones = new HashMap<>();
        if (accountIds.isEmpty()) {
            return zones;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select account_id, time_zone from business_profile where account_id in (:ids)")
                .setParameter("ids", accountIds).getResultList();
        rows.forEach(r -> zones.put((String) r[0], (String) r[1]));
        return zones;
    }
}

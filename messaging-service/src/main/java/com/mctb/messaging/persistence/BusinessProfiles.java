package com.mctb.messaging.persistence;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mctb.contracts.event.BusinessProfileChanged;
import com.mctb.kit.tx.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;
import java.time.Duration;
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

    /**
     * How long a number's holder is remembered ({@link #holderOf}). This replica forgets them all when a profile it
     * applied commits; another replica's change (settings.business is read by one replica of the group) reaches it
     * within this time, on top of the seconds the change takes through Kafka anyway.
     */
    static final Duration HOLDERS_FOR = Duration.ofSeconds(10);

    @Inject
    EntityManager em;

    @Inject
    AfterCommit afterCommit;

    /**
     * The holders asked for by the signature check of every messaging webhook: two per text sent (its status
     * callbacks), each a query and a transaction of its own when read from the table.
     */
    private final Cache<String, Optional<Holder>> holders = Caffeine.newBuilder().expireAfterWrite(HOLDERS_FOR)
            .maximumSize(10_000).build();

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
        afterCommit.once(holders, holders::invalidateAll);
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
        afterCommit.once(holders, holders::invalidateAll);
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
     * a webhook about the number is accepted only from that Twilio account. Remembered for {@link #HOLDERS_FOR}.
     */
    public Optional<Holder> holderOf(String number) {
        // A failed read (the database away) throws and is not remembered.
        return holders.get(number, this::readHolderOf);
    }

    private Optional<Holder> readHolderOf(String number) {
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

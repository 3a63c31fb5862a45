package com.mctb.workflow.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Someone who called (or was added by) the account, keyed by their E.164 phone. */
@Entity
public class Contact extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public String accountId;

    @Column(nullable = false)
    public String phone;

    @Column(name = "first_name")
    public String firstName;

    @Column(name = "last_name")
    public String lastName;

    @Column(name = "call_count", nullable = false)
    public int callCount;

    @Column(name = "last_call_at")
    public Instant lastCallAt;

    /** The contact's tags, in the order they were added. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]", nullable = false)
    public List<String> tags = new ArrayList<>();

    @Column(name = "opted_out", nullable = false)
    public boolean optedOut;

    @Column(name = "opted_out_at")
    public Instant optedOutAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Optional<Contact> byPhone(String accountId, String phone) {
        return find("accountId = ?1 and phone = ?2", accountId, phone).firstResultOptional();
    }

    public static Optional<Contact> byId(String accountId, UUID id) {
        return find("accountId = ?1 and id = ?2", accountId, id).firstResultOptional();
    }

    /** The contact, locked for this transaction (so a tag written elsewhere at the same time is not lost). */
    public static Optional<Contact> lockedById(String accountId, UUID id) {
        return find("accountId = ?1 and id = ?2", accountId, id).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    public static Optional<Contact> lockedByPhone(String accountId, String phone) {
        return find("accountId = ?1 and phone = ?2", accountId, phone).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    /**
     * The contact with this phone, created if new, locked for this transaction. Created with an upsert rather than a
     * read and an insert, so that a contact added through the API at the same moment cannot make the call fail.
     */
    public static Contact lockOrCreate(String accountId, String phone, Instant now) {
        getEntityManager().createNativeQuery("insert into contact (id, account_id, phone, created_at, updated_at) "
                        + "values (?1, ?2, ?3, ?4, ?4) on conflict (account_id, phone) do nothing")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, accountId)
                .setParameter(3, phone)
                .setParameter(4, now)
                .executeUpdate();
        return lockedByPhone(accountId, phone).orElseThrow();
    }

    /**
     * The caller's contact after a missed call, whether a voicemail is already known for the call, and whether the
     * call was put into the contact's conversation now (false when its entry was there already).
     */
    public record Called(Contact contact, boolean voicemailLeft, boolean inConversation) {
    }

    public static List<Contact> ofAccount(String accountId) {
        return list("accountId = ?1 order by createdAt", accountId);
    }

    public static Contact create(String accountId, String phone) {
        Contact c = new Contact();
        c.id = UUID.randomUUID();
        c.accountId = accountId;
        c.phone = phone;
        c.createdAt = Instant.now();
        c.updatedAt = c.createdAt;
        return c;
    }

    /** Replaces the tags (duplicates dropped, order kept). */
    public void setTags(Collection<String> newTags) {
        Set<String> unique = new LinkedHashSet<>(newTags);
        if (!unique.equals(new LinkedHashSet<>(tags))) {
            // A new list, so Hibernate sees the change of the array column.
            tags = new ArrayList<>(unique);
        }
    }
}

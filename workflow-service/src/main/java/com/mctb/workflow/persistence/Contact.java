package com.mctb.workflow.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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
}

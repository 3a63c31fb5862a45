package com.mctb.settings.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One of the account's Twilio numbers, E.164. */
@Entity
@Table(name = "phone_number")
public class PhoneNumber extends PanacheEntityBase {

    @Id
    public String number;

    @Column(name = "account_id", nullable = false)
    public String accountId;

    @Column(name = "is_default", nullable = false)
    public boolean isDefault;

    /** The team member whose call settings apply to calls to this number; null: the account's. */
    @Column(name = "assigned_user_id")
    public String assignedUserId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static List<PhoneNumber> ofAccount(String accountId) {
        return list("accountId = ?1 order by number", accountId);
    }

    /** The number when it belongs to this account; another account's number is as absent as an unknown one. */
    public static Optional<PhoneNumber> of(String accountId, String e164) {
        return find("accountId = ?1 and number = ?2", accountId, e164).firstResultOptional();
    }
}

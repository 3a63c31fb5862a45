package com.mctb.settings.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

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

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static List<PhoneNumber> ofAccount(String accountId) {
        return list("accountId = ?1 order by number", accountId);
    }
}

package com.mctb.settings.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import com.mctb.settings.domain.twilio.ConfigurationState;
import com.mctb.settings.domain.twilio.NumberOrigin;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
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

    /** The Twilio account holding it; null for a number added before numbers came from Twilio. */
    @Column(name = "twilio_account_sid")
    public String twilioAccountSid;

    /** Twilio's IncomingPhoneNumber SID (PN…); null for a number added before numbers came from Twilio. */
    @Column(name = "phone_number_sid")
    public String phoneNumberSid;

    @Enumerated(EnumType.STRING)
    public NumberOrigin origin;

    @Enumerated(EnumType.STRING)
    public ConfigurationState configuration;

    /** JSON array of {@code Drift}s found at the last check; null or [] when none. */
    public String drift;

    @Column(name = "checked_at")
    public Instant checkedAt;

    /** Every number held at Twilio (those with an IncomingPhoneNumber SID), in a stable order. */
    public static List<PhoneNumber> heldAtTwilio() {
        return list("phoneNumberSid is not null order by accountId, number");
    }

    public static List<PhoneNumber> ofAccount(String accountId) {
        return list("accountId = ?1 order by number", accountId);
    }

    /** The number when it belongs to this account; another account's number is as absent as an unknown one. */
    public static Optional<PhoneNumber> of(String accountId, String e164) {
        return find("accountId = ?1 and number = ?2", accountId, e164).firstResultOptional();
    }
}

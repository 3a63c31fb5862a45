package com.mctb.settings.persistence;

import com.mctb.contracts.hours.BusinessHours;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import com.mctb.settings.domain.twilio.TwilioAccountSource;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Optional;
import org.hibernate.annotations.ColumnTransformer;

/** A business using the product: its Business Profile. */
@Entity
public class Account extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "business_name", nullable = false)
    public String businessName;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    /** Bumped on every published change. */
    @Column(nullable = false)
    public long version;

    @Column(name = "legacy_text_back_enabled", nullable = false)
    public boolean legacyTextBackEnabled;

    @Column(name = "legacy_text_back_message")
    public String legacyTextBackMessage;

    /** Null: not set, the business counts as always open. Its time zone is always the account's (see hours()). */
    @Column(name = "business_hours", columnDefinition = "jsonb")
    @Convert(converter = BusinessHoursColumn.class)
    @ColumnTransformer(write = "?::jsonb")
    public BusinessHours businessHours;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The Twilio account (a subaccount of the platform's, or a linked one) its numbers are bought into; null: none yet. */
    @Column(name = "twilio_account_sid")
    public String twilioAccountSid;

    @Enumerated(EnumType.STRING)
    @Column(name = "twilio_account_source")
    public TwilioAccountSource twilioAccountSource;

    /** The Twilio account's FriendlyName when it was tied to this account. */
    @Column(name = "twilio_friendly_name")
    public String twilioFriendlyName;

    public static Optional<Account> byTwilioAccount(String twilioAccountSid) {
        return find("twilioAccountSid", twilioAccountSid).firstResultOptional();
    }

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /**
     * The account, locked until the end of the transaction. Every change of an account's settings takes this lock
     * first, so changes to one account commit one after another and each one's outbox rows follow the previous
     * one's: the last record per key on the compacted topics is always the latest state.
     */
    public static Optional<Account> lockForChange(String accountId) {
        return Optional.ofNullable(findById(accountId, LockModeType.PESSIMISTIC_WRITE));
    }

    /** The hours in the account's current time zone (the zone may have changed since they were saved). */
    public Optional<BusinessHours> hours() {
        return Optional.ofNullable(businessHours)
                .map(h -> new BusinessHours(timeZone, h.weekly(), h.exceptions()));
    }
}

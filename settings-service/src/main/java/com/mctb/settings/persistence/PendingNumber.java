package com.mctb.settings.persistence;

import com.mctb.settings.domain.twilio.NumberOrigin;
import com.mctb.settings.domain.twilio.PendingNumbers;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * A purchase, import or release under way at Twilio: committed before Twilio is asked, deleted with the recorded
 * outcome. What is left of one after a crash is settled by asking Twilio (see {@code PendingNumberReconciler}).
 */
@Entity
@Table(name = "pending_number")
public class PendingNumber extends PanacheEntityBase {

    @Id
    public String number;

    @Column(name = "account_id", nullable = false)
    public String accountId;

    /** The Twilio account that is to hold (or held) the number. */
    @Column(name = "twilio_account_sid", nullable = false)
    public String twilioAccountSid;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PendingNumbers.Operation operation;

    /** Set just before Twilio is asked to buy or configure it; null while that is not decided. */
    @Enumerated(EnumType.STRING)
    public NumberOrigin origin;

    @Column(name = "phone_number_sid")
    public String phoneNumberSid;

    @Column(name = "make_default", nullable = false)
    public boolean makeDefault;

    @Column(name = "assigned_user_id")
    public String assignedUserId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_error")
    public String lastError;

    public static List<PendingNumber> olderThan(Instant cutoff) {
        return list("createdAt <= ?1 order by createdAt", cutoff);
    }
}

package com.mctb.workflow.persistence;

import com.mctb.workflow.domain.engine.QuietHours;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalTime;

/** An account's quiet hours for automated texts, when it has set them; without a row: {@link QuietHours#DEFAULT}. */
@Entity
@Table(name = "quiet_hours")
public class QuietHoursSetting extends PanacheEntityBase {

    @Id
    @Column(name = "account_id")
    public String accountId;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "starts_at", nullable = false)
    public LocalTime startsAt;

    @Column(name = "ends_at", nullable = false)
    public LocalTime endsAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The account's quiet hours: what it set, or the default. */
    public static QuietHours of(String accountId) {
        QuietHoursSetting set = findById(accountId);
        return set == null ? QuietHours.DEFAULT : new QuietHours(set.enabled, set.startsAt, set.endsAt);
    }
}

package com.mctb.settings.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;

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

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

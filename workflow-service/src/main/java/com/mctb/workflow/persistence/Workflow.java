package com.mctb.workflow.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A workflow of an account: its current version, and whether new missed calls run it. */
@Entity
@Table(name = "workflow")
public class Workflow extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public String accountId;

    @Column(nullable = false)
    public String name;

    /** The template it was enabled from, if any. */
    public String template;

    @Column(name = "template_variant")
    public String templateVariant;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "current_version", nullable = false)
    public int currentVersion;

    @Column(nullable = false)
    public boolean deleted;

    /** Some version of it can leave a run waiting: only then can a caller be inside it (re-entry). */
    @Column(name = "may_wait", nullable = false)
    public boolean mayWait;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When it was last turned on: for one call, the workflow activated first texts. */
    @Column(name = "activated_at")
    public Instant activatedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Optional<Workflow> byId(String accountId, UUID id) {
        return find("accountId = ?1 and id = ?2 and deleted = false", accountId, id).firstResultOptional();
    }

    /** Locked, so two edits of one workflow cannot both become version n+1. */
    public static Optional<Workflow> lockedById(String accountId, UUID id) {
        return find("accountId = ?1 and id = ?2 and deleted = false", accountId, id)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public static List<Workflow> ofAccount(String accountId) {
        return list("accountId = ?1 and deleted = false order by createdAt", accountId);
    }

    public static List<Workflow> activeOf(String accountId) {
        return list("accountId = ?1 and active = true order by activatedAt nulls first, createdAt", accountId);
    }
}

package com.mctb.settings.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A member of the account's team (Team Management); numbers assigned to them take their call settings. */
@Entity
@Table(name = "account_user")
@IdClass(User.Key.class)
public class User extends PanacheEntityBase {

    @Id
    @Column(name = "account_id")
    public String accountId;

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    /** Where this user is texted about the account's calls and replies (E.164), or null: never texted. */
    public String mobile;

    @Column(name = "notify_missed_call", nullable = false)
    public boolean notifyMissedCall = true;

    @Column(name = "notify_voicemail", nullable = false)
    public boolean notifyVoicemail = true;

    @Column(name = "notify_reply", nullable = false)
    public boolean notifyReply = true;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Optional<User> find(String accountId, String userId) {
        return find("accountId = ?1 and id = ?2", accountId, userId).firstResultOptional();
    }

    public static List<User> ofAccount(String accountId) {
        return list("accountId = ?1 order by id", accountId);
    }

    /** The composite key: a user id is unique within its account. */
    public static class Key implements Serializable {
        public String accountId;
        public String id;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(accountId, k.accountId)
                    && java.util.Objects.equals(id, k.id);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(accountId, id);
        }
    }
}

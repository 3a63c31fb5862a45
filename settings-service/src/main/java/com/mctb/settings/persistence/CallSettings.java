package com.mctb.settings.persistence;

import com.mctb.settings.domain.CallSettingsLayer;
import com.mctb.settings.domain.SettingsLevel;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The call settings set at one level of one account (null fields are not set at this level). */
@Entity
@Table(name = "call_settings")
public class CallSettings extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "account_id", nullable = false)
    public String accountId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SettingsLevel level;

    /** The user id or the number; null at account level. */
    public String ref;

    @Column(name = "timeout_seconds")
    public Integer timeoutSeconds;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "forward_to", columnDefinition = "text[]")
    public List<String> forwardTo;

    @Column(name = "caller_id")
    public String callerId;

    @Column(name = "answer_on_bridge")
    public Boolean answerOnBridge;

    @Column(name = "human_answer_confirmation")
    public Boolean humanAnswerConfirmation;

    public static Optional<CallSettings> find(String accountId, SettingsLevel level, String ref) {
        return ref == null
                ? find("accountId = ?1 and level = ?2 and ref is null", accountId, level).firstResultOptional()
                : find("accountId = ?1 and level = ?2 and ref = ?3", accountId, level, ref).firstResultOptional();
    }

    public static List<CallSettings> ofAccount(String accountId) {
        return list("accountId", accountId);
    }

    public static CallSettings findOrNew(String accountId, SettingsLevel level, String ref) {
        return find(accountId, level, ref).orElseGet(() -> {
            CallSettings s = new CallSettings();
            s.accountId = accountId;
            s.level = level;
            s.ref = ref;
            return s;
        });
    }

    /** Forgets everything set at a user's or a number's level (it is being removed). */
    public static void deleteLevel(String accountId, SettingsLevel level, String ref) {
        delete("accountId = ?1 and level = ?2 and ref = ?3", accountId, level, ref);
    }

    public CallSettingsLayer toLayer() {
        return new CallSettingsLayer(level, timeoutSeconds, forwardTo == null ? null : List.copyOf(forwardTo), callerId,
                answerOnBridge, humanAnswerConfirmation, null);
    }
}

package com.mctb.settings.persistence;

import com.mctb.settings.domain.CallSettingsLayer;
import com.mctb.settings.domain.RingPattern;
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

    /** SIMULTANEOUS or SEQUENTIAL; null: no ring pattern set at this level. */
    @Column(name = "ring_mode")
    public String ringMode;

    /** The pattern's targets in order, each {@code number:<e164>:<seconds>} or {@code user:<id>:<seconds>}. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "ring_targets", columnDefinition = "text[]")
    public List<String> ringTargets;

    @Column(name = "record_calls")
    public Boolean recordCalls;

    @Column(name = "consent_text")
    public String consentText;

    @Column(name = "recording_retention_days")
    public Integer recordingRetentionDays;

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
                answerOnBridge, humanAnswerConfirmation, null, ringPattern(), recordCalls, consentText,
                recordingRetentionDays);
    }

    public void setRingPattern(RingPattern pattern) {
        ringMode = pattern == null ? null : pattern.mode().name();
        ringTargets = pattern == null ? null : pattern.targets().stream()
                .map(t -> (t.number() != null ? "number:" + t.number() : "user:" + t.userId()) + ":"
                        + (t.ringSeconds() == null ? "" : t.ringSeconds()))
                .toList();
    }

    private RingPattern ringPattern() {
        if (ringMode == null) {
            return null;
        }
        List<RingPattern.Target> targets = ringTargets == null ? List.of() : ringTargets.stream().map(encoded -> {
            int kind = encoded.indexOf(':');
            int seconds = encoded.lastIndexOf(':');
            String ref = encoded.substring(kind + 1, seconds);
            Integer ring = seconds == encoded.length() - 1 ? null : Integer.valueOf(encoded.substring(seconds + 1));
            return encoded.startsWith("number:") ? new RingPattern.Target(ref, null, ring)
                    : new RingPattern.Target(null, ref, ring);
        }).toList();
        return new RingPattern(RingPattern.Mode.valueOf(ringMode), targets);
    }
}

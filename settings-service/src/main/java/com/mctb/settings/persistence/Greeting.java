package com.mctb.settings.persistence;

import com.mctb.settings.domain.AudioPurpose;
import com.mctb.settings.domain.CustomGreeting;
import com.mctb.settings.domain.SettingsLevel;
import com.mctb.settings.domain.audio.AudioFormat;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A custom voicemail greeting or a recording consent announcement at one level, its audio in the row. */
@Entity
@Table(name = "greeting")
public class Greeting extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "account_id", nullable = false)
    public String accountId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SettingsLevel level;

    /** A greeting or a consent announcement: one of each per level. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AudioPurpose purpose = AudioPurpose.GREETING;

    /** The user id or the number; null at account level. */
    public String ref;

    @Column(name = "public_token", nullable = false)
    public String publicToken;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AudioFormat format;

    @Column(name = "size_bytes", nullable = false)
    public int sizeBytes;

    @Column(name = "duration_millis", nullable = false)
    public int durationMillis;

    /** Hex SHA-256 of the audio: its ETag. */
    @Column(nullable = false)
    public String sha256;

    @Column(name = "uploaded_at", nullable = false)
    public Instant uploadedAt;

    /** Loaded only when read (Quarkus enhances entities, so a lazy basic attribute works): metadata reads stay small. */
    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false)
    public byte[] audio;

    public static Optional<Greeting> at(String accountId, SettingsLevel level, String ref) {
        return at(accountId, level, ref, AudioPurpose.GREETING);
    }

    public static Optional<Greeting> at(String accountId, SettingsLevel level, String ref, AudioPurpose purpose) {
        return ref == null
                ? find("accountId = ?1 and level = ?2 and ref is null and purpose = ?3", accountId, level, purpose)
                        .firstResultOptional()
                : find("accountId = ?1 and level = ?2 and ref = ?3 and purpose = ?4", accountId, level, ref, purpose)
                        .firstResultOptional();
    }

    public static Optional<Greeting> byPublicToken(String token) {
        return find("publicToken", token).firstResultOptional();
    }

    public static List<Greeting> ofAccount(String accountId) {
        return list("accountId", accountId);
    }

    public CustomGreeting toCustomGreeting() {
        return new CustomGreeting(publicToken, format, sizeBytes, durationMillis, uploadedAt);
    }
}

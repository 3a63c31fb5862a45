package com.mctb.settings.service;

import com.mctb.settings.domain.AudioPurpose;
import com.mctb.settings.domain.SettingsChange;
import com.mctb.settings.domain.audio.AudioRefusal;
import com.mctb.settings.domain.audio.AudioRefusedException;
import com.mctb.settings.domain.audio.GreetingAudio;
import com.mctb.settings.domain.audio.InspectedAudio;
import com.mctb.settings.messaging.SettingsPublisher;
import com.mctb.settings.persistence.Account;
import com.mctb.settings.persistence.Greeting;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Custom voicemail greetings: checked by content, stored in this service's database, served to the account for
 * preview and to Twilio under an unguessable name. Uploading replaces the level's greeting in one transaction, with
 * a new public name, and publishes the new URL in the numbers' settings. Recording consent announcements are
 * uploaded audio of the same kind ({@link AudioPurpose#CONSENT}), checked, stored and served the same way.
 */
@ApplicationScoped
public class GreetingService {

    private static final Logger LOG = Logger.getLogger(GreetingService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    AccountService accounts;

    @Inject
    SettingsPublisher publisher;

    @Inject
    EntityManager em;

    @Inject
    MeterRegistry registry;

    /** A stored greeting and whether it replaced an earlier one at its level. */
    public record Stored(Greeting greeting, boolean replaced) {
    }

    /**
     * Checks the uploaded file and makes it the level's greeting.
     *
     * @throws AudioRefusedException when the file cannot be a greeting, saying why
     */
    public Stored upload(String accountId, Level level, Path file, long size) {
        return upload(accountId, level, AudioPurpose.GREETING, file, size);
    }

    /**
     * Checks the uploaded file and makes it the level's greeting or consent announcement; nothing is stored when
     * it is refused.
     *
     * @throws AudioRefusedException when the file cannot be played to a caller, saying why
     */
    public Stored upload(String accountId, Level level, AudioPurpose purpose, Path file, long size) {
        accounts.requireLevel(accountId, level);
        InspectedAudio audio;
        byte[] bytes;
        try {
            GreetingAudio.checkSize(size);
            bytes = Files.readAllBytes(file);
            audio = GreetingAudio.check(bytes);
        } catch (AudioRefusedException e) {
            refused(e.reason());
            LOG.infof("%s refused: account=%s level=%s reason=%s", purpose.label(), accountId, level.describe(),
                    e.reason().label());
            throw e.of(purpose);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Stored stored = QuarkusTransaction.joiningExisting().call(() -> store(accountId, level, purpose, bytes, audio));
        Counter.builder("mctb.settings.greeting.uploads").description("Greeting uploads, accepted or refused by reason")
                .tag("outcome", "accepted").tag("reason", "none").register(registry).increment();
        LOG.infof("%s %s: account=%s level=%s format=%s duration=%dms size=%d", purpose.label(),
                stored.replaced() ? "replaced" : "added", accountId, level.describe(), audio.format(), audio.durationMillis(), bytes.length);
        return stored;
    }

    /** Counts a refusal made before the file reached this service's checks (e.g. a body over the HTTP limit). */
    public void refused(AudioRefusal reason) {
        Counter.builder("mctb.settings.greeting.uploads").description("Greeting uploads, accepted or refused by reason")
                .tag("outcome", "refused").tag("reason", reason.label()).register(registry).increment();
    }

    private Stored store(String accountId, Level level, AudioPurpose purpose, byte[] bytes, InspectedAudio audio) {
        Account account = accounts.lockForChange(accountId);
        accounts.requireLevel(accountId, level);
        Optional<Greeting> existing = Greeting.at(accountId, level.level(), level.ref(), purpose);
        Greeting greeting = existing.orElseGet(Greeting::new);
        greeting.accountId = accountId;
        greeting.purpose = purpose;
        greeting.level = level.level();
        greeting.ref = level.ref();
        greeting.publicToken = newPublicToken();
        greeting.format = audio.format();
        greeting.sizeBytes = bytes.length;
        greeting.durationMillis = (int) audio.durationMillis();
        greeting.sha256 = sha256(bytes);
        greeting.uploadedAt = Instant.now();
        greeting.audio = bytes;
        greeting.persist();
        publisher.publish(account, SettingsChange.GREETING);
        return new Stored(greeting, existing.isPresent());
    }

    /** Deletes the level's greeting: its calls fall back to the next level's, or to the spoken default. */
    @Transactional
    public void remove(String accountId, Level level) {
        remove(accountId, level, AudioPurpose.GREETING);
    }

    /** Deletes the level's greeting or consent audio: the next level's applies, or the spoken default. */
    @Transactional
    public void remove(String accountId, Level level, AudioPurpose purpose) {
        Account account = accounts.lockForChange(accountId);
        accounts.requireLevel(accountId, level);
        Greeting greeting = Greeting.at(accountId, level.level(), level.ref(), purpose)
                .orElseThrow(() -> new NotFoundException("no " + purpose.label() + " at the " + level.describe()
                        + " level"));
        greeting.delete();
        publisher.publish(account, SettingsChange.GREETING);
        LOG.infof("%s removed: account=%s level=%s", purpose.label(), accountId, level.describe());
    }

    /** The level's greeting (without its audio). */
    public Greeting at(String accountId, Level level) {
        return at(accountId, level, AudioPurpose.GREETING);
    }

    /** The level's greeting or consent audio (without its audio). */
    public Greeting at(String accountId, Level level, AudioPurpose purpose) {
        accounts.requireLevel(accountId, level);
        return Greeting.at(accountId, level.level(), level.ref(), purpose)
                .orElseThrow(() -> new NotFoundException("no " + purpose.label() + " at the " + level.describe()
                        + (purpose == AudioPurpose.GREETING
                                ? " level: calls hear the next level's greeting or the spoken default"
                                : " level: callers hear the next level's consent audio or the consent text spoken")));
    }

    public Optional<Greeting> byPublicToken(String token) {
        return Greeting.byPublicToken(token);
    }

    /**
     * Bytes {@code first}..{@code first + length - 1} of the greeting's audio, read from the database without loading
     * the rest; empty when the greeting was replaced or removed since its metadata was read.
     */
    public Optional<byte[]> read(Greeting greeting, long first, long length) {
        List<?> rows = em.createNativeQuery(
                        "select substring(audio from ?1 for ?2) from greeting where id = ?3 and public_token = ?4")
                .setParameter(1, (int) first + 1)
                .setParameter(2, (int) length)
                .setParameter(3, greeting.id)
                .setParameter(4, greeting.publicToken)
                .getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of((byte[]) rows.get(0));
    }

    /** 128 random bits, URL-safe: the greeting's public name cannot be guessed or enumerated. */
    static String newPublicToken() {
        byte[] token = new byte[16];
        RANDOM.nextBytes(token);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

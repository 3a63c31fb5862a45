package com.mctb.gateway.settings;

import com.mctb.contracts.event.CallSettingsChanged;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's local copy of {@code settings.call}: each number's effective call settings, so an incoming call is
 * answered from memory, never by asking settings-service while the caller waits. It starts from the copy stored in
 * the gateway's schema ({@link SettingsCopyStore}), so a restarted gateway knows its numbers before it has read the
 * topic again: the fault run found missed calls lost to "no account owns this number" in the seconds after a restart.
 *
 * <p>A number can move from one account to another: settings.call then holds (for a while) a record under each
 * account's key, in different partitions, read in any order, and each account counts its own {@code version}. So
 * every account's latest record for a number is kept, each replaced only by a newer version of that account, and the
 * number belongs to the one whose record is the latest ({@code changedAt}, the settings event's time); the old
 * account's tombstone removes only that account's record. Versions are never compared across accounts.
 */
@ApplicationScoped
public class CallSettingsCache {

    /** The owner's settings of each number. */
    private final Map<String, CallSettingsChanged> byNumber = new ConcurrentHashMap<>();
    /** Each number's latest record per account (more than one only while a number moves). */
    private final Map<String, Map<String, CallSettingsChanged>> claims = new ConcurrentHashMap<>();
    private final Map<String, CallSettingsChanged> byAccount = new ConcurrentHashMap<>();
    private final Map<Integer, Long> nextOffsetByPartition = new ConcurrentHashMap<>();
    private volatile boolean storedCopyLoaded;
    private volatile long nextAttemptNanos = System.nanoTime();

    @Inject
    SettingsCopyStore store;

    /** Before the settings consumer and the webhooks start: the stored copy. */
    void loadStoredCopy(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent startup) {
        loadStoredCopyOnce();
    }

    /** Loads the stored copy once (a number not known yet also tries, in case a webhook came first). */
    private void loadStoredCopyOnce() {
        if (storedCopyLoaded || System.nanoTime() < nextAttemptNanos) {
            return;
        }
        synchronized (this) {
            if (storedCopyLoaded || System.nanoTime() < nextAttemptNanos || store == null) {
                return;
            }
            // While the database is away, a webhook asks at most every 5 s (each try may wait for a connection).
            nextAttemptNanos = System.nanoTime() + 5_000_000_000L;
            Optional<List<CallSettingsChanged>> stored = store.load();
            stored.ifPresent(snapshots -> snapshots.forEach(this::apply));
            storedCopyLoaded = stored.isPresent();
        }
    }

    /**
     * Applies a snapshot, unless an older one of the same account arrives after a newer (compaction never reorders,
     * but the stored copy and the topic's replay meet).
     */
    public void apply(CallSettingsChanged settings) {
        if (settings.number() == null) {
            byAccount.merge(settings.accountId(), settings, CallSettingsCache::newer);
            return;
        }
        claims.compute(settings.number(), (number, byAccountOfNumber) -> {
            Map<String, CallSettingsChanged> accounts = byAccountOfNumber == null ? new HashMap<>() : byAccountOfNumber;
            accounts.merge(settings.accountId(), settings, CallSettingsCache::newer);
            decideOwner(number, accounts);
            return accounts;
        });
    }

    /** A tombstone: {@code accountId/number} left the account, or {@code accountId} was deleted. */
    public void remove(String recordKey) {
        int slash = recordKey.indexOf('/');
        if (slash < 0) {
            byAccount.remove(recordKey);
            claims.keySet().forEach(number -> forget(number, recordKey));
        } else {
            forget(recordKey.substring(slash + 1), recordKey.substring(0, slash));
        }
    }

    private void forget(String number, String accountId) {
        claims.computeIfPresent(number, (n, accounts) -> {
            if (accounts.remove(accountId) == null) {
                return accounts;
            }
            decideOwner(n, accounts);
            return accounts.isEmpty() ? null : accounts;
        });
    }

    /** The number belongs to the account whose record for it is the latest (called under the number's entry). */
    private void decideOwner(String number, Map<String, CallSettingsChanged> accounts) {
        accounts.values().stream().max(Comparator
                        .comparing((CallSettingsChanged s) -> s.changedAt() == null ? Instant.EPOCH : s.changedAt())
                        .thenComparing(CallSettingsChanged::accountId))
                .ifPresentOrElse(owner -> byNumber.put(number, owner), () -> byNumber.remove(number));
    }

    private static CallSettingsChanged newer(CallSettingsChanged old, CallSettingsChanged now) {
        return now.version() >= old.version() ? now : old;
    }

    /** The effective settings of one of our numbers, if some account owns it. */
    public Optional<CallSettingsChanged> forNumber(String e164) {
        CallSettingsChanged settings = byNumber.get(e164);
        if (settings == null && !storedCopyLoaded) {
            loadStoredCopyOnce();
            settings = byNumber.get(e164);
        }
        return Optional.ofNullable(settings);
    }

    /** The account's default call settings, for a call to a number the account has not (yet) registered. */
    public Optional<CallSettingsChanged> forAccount(String accountId) {
        if (accountId != null && !byAccount.containsKey(accountId) && !storedCopyLoaded) {
            loadStoredCopyOnce();
        }
        return Optional.ofNullable(accountId).map(byAccount::get);
    }

    void consumed(int partition, long offset) {
        nextOffsetByPartition.merge(partition, offset + 1, Math::max);
    }

    /** How far this copy has read each partition: next offset to read. */
    public Map<Integer, Long> positions() {
        return Map.copyOf(nextOffsetByPartition);
    }

    public int numbersKnown() {
        return byNumber.size();
    }
}

package com.mctb.gateway.settings;

import com.mctb.contracts.event.CallSettingsChanged;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's local copy of {@code settings.call}: each number's effective call settings, so an incoming call is
 * answered from memory, never by asking settings-service while the caller waits. It starts from the copy stored in
 * the gateway's schema ({@link SettingsCopyStore}), so a restarted gateway knows its numbers before it has read the
 * topic again: the fault run found missed calls lost to "no account owns this number" in the seconds after a restart.
 */
@ApplicationScoped
public class CallSettingsCache {

    private final Map<String, CallSettingsChanged> byNumber = new ConcurrentHashMap<>();
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

    /** Applies a snapshot, unless an older one arrives after a newer (compaction never reorders, but be safe). */
    public void apply(CallSettingsChanged settings) {
        Map<String, CallSettingsChanged> map = settings.number() == null ? byAccount : byNumber;
        String key = settings.number() == null ? settings.accountId() : settings.number();
        map.merge(key, settings, (old, now) -> now.version() >= old.version() ? now : old);
    }

    /** A tombstone: {@code accountId/number} left the account, or {@code accountId} was deleted. */
    public void remove(String recordKey) {
        int slash = recordKey.indexOf('/');
        if (slash < 0) {
            byAccount.remove(recordKey);
            byNumber.values().removeIf(s -> s.accountId().equals(recordKey));
        } else {
            String accountId = recordKey.substring(0, slash);
            byNumber.computeIfPresent(recordKey.substring(slash + 1),
                    (number, s) -> s.accountId().equals(accountId) ? null : s);
        }
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

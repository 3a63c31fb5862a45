package com.mctb.gateway.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.contracts.event.CallSettingsChanged;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A number moving from one account to another: each account counts its own versions, and the two accounts' records
 * (and the old one's tombstone) sit in different partitions, read in any order. No framework, no store.
 */
class CallSettingsCacheTest {

    private static final String NUMBER = "+15557650950";
    private static final Instant BEFORE_THE_MOVE = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant AFTER_THE_MOVE = Instant.parse("2026-12-02T10:00:00Z");

    private final CallSettingsCache cache = new CallSettingsCache();

    @Test
    void aNumberMovedToAnAccountWithLowerVersionsIsRoutedThereRightAfterARestart() {
        // The stored copy already has the new owner (version 3 of its own count)...
        cache.apply(settings("new", 3, AFTER_THE_MOVE));
        // ...then the topic is read again: the old account's record (its version 10) not yet compacted away,
        // the new owner's record, and the old account's tombstone for the number.
        cache.apply(settings("old", 10, BEFORE_THE_MOVE));
        cache.apply(settings("new", 3, AFTER_THE_MOVE));
        cache.remove("old/" + NUMBER);

        assertThat(cache.forNumber(NUMBER)).hasValueSatisfying(s -> assertThat(s.accountId()).isEqualTo("new"));
    }

    @Test
    void theNewOwnerTakesTheNumberBeforeTheOldAccountsTombstoneIsRead() {
        cache.apply(settings("old", 10, BEFORE_THE_MOVE));
        cache.apply(settings("new", 3, AFTER_THE_MOVE));

        assertThat(cache.forNumber(NUMBER)).hasValueSatisfying(s -> assertThat(s.accountId()).isEqualTo("new"));

        cache.remove("old/" + NUMBER);
        assertThat(cache.forNumber(NUMBER)).hasValueSatisfying(s -> assertThat(s.accountId()).isEqualTo("new"));
        assertThat(cache.numbersKnown()).isEqualTo(1);
    }

    @Test
    void theTombstoneReadFirstAndTheOldRecordAfterStillLeaveTheNewOwner() {
        cache.apply(settings("new", 3, AFTER_THE_MOVE));
        cache.remove("old/" + NUMBER);
        cache.apply(settings("old", 10, BEFORE_THE_MOVE));

        assertThat(cache.forNumber(NUMBER)).hasValueSatisfying(s -> assertThat(s.accountId()).isEqualTo("new"));
    }

    @Test
    void withinOneAccountTheHigherVersionWinsAndTheNumberLeavesWithItsTombstone() {
        cache.apply(settings("own", 5, AFTER_THE_MOVE));
        cache.apply(settings("own", 4, AFTER_THE_MOVE.plusSeconds(1)));
        assertThat(cache.forNumber(NUMBER)).hasValueSatisfying(s -> assertThat(s.version()).isEqualTo(5));

        cache.remove("own/" + NUMBER);
        assertThat(cache.forNumber(NUMBER)).isEmpty();
        assertThat(cache.numbersKnown()).isZero();
    }

    private static CallSettingsChanged settings(String account, long version, Instant changedAt) {
        return new CallSettingsChanged(account, NUMBER, "Moving Clinic", 20, List.of("+15550001111"), null, true, false,
                null, version, changedAt);
    }
}

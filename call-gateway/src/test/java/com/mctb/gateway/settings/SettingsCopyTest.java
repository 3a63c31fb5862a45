package com.mctb.gateway.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mctb.contracts.Topics;
import com.mctb.contracts.event.CallSettingsChanged;
import com.mctb.contracts.json.EventJson;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TwilioStandInResource;
import com.mctb.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A restarted gateway must know which account owns a number from its first webhook on: the copy of settings.call is
 * stored as it is read, and a fresh cache (as after a restart, before the topic is read again) starts from it.
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class SettingsCopyTest {

    private static final String NUMBER = "+15557650901";
    private static final String MOVED = "+15557650902";

    @Inject
    SettingsCopyStore store;

    @Inject
    CallSettingsCache live;

    @Test
    void aFreshCacheKnowsTheNumbersTheLastOneRead() {
        TopicProbe.send(Topics.SETTINGS_CALL, "copy/" + NUMBER, EventJson.encode(settings("copy", NUMBER, 19, 1)));
        TopicProbe.send(Topics.SETTINGS_CALL, "copy/" + MOVED, EventJson.encode(settings("copy", MOVED, 19, 1)));
        // The two keys are in different partitions: the tombstone is sent once both records were read.
        await().atMost(Duration.ofSeconds(20)).until(() -> live.forNumber(NUMBER).isPresent()
                && live.forNumber(MOVED).isPresent());
        TopicProbe.send(Topics.SETTINGS_CALL, "copy/" + MOVED, null);
        await().atMost(Duration.ofSeconds(20)).until(() -> live.forNumber(MOVED).isEmpty()
                && storedNumbers().contains(NUMBER) && !storedNumbers().contains(MOVED));

        CallSettingsCache restarted = new CallSettingsCache();
        restarted.store = store;

        assertThat(restarted.forNumber(NUMBER)).hasValueSatisfying(s -> {
            assertThat(s.accountId()).isEqualTo("copy");
            assertThat(s.timeoutSeconds()).isEqualTo(19);
        });
        assertThat(restarted.forNumber(MOVED)).isEmpty();
    }

    @Test
    void anOlderSnapshotDoesNotReplaceANewerOne() {
        String number = "+15557650903";
        store.put("copy/" + number, settings("copy", number, 30, 5), EventJson.encode(settings("copy", number, 30, 5)));
        store.put("copy/" + number, settings("copy", number, 10, 4), EventJson.encode(settings("copy", number, 10, 4)));

        assertThat(store.load().orElseThrow()).filteredOn(s -> number.equals(s.number()))
                .singleElement().satisfies(s -> assertThat(s.timeoutSeconds()).isEqualTo(30));
    }

    private List<String> storedNumbers() {
        return store.load().orElseThrow().stream().map(CallSettingsChanged::number).toList();
    }

    private static CallSettingsChanged settings(String account, String number, int timeout, long version) {
        return new CallSettingsChanged(account, number, "Copy Clinic", timeout, List.of("+15550001111"), null, true, false,
                null, version, Instant.now());
    }
}

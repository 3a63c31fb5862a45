package com.mctb.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** An existing topic with fewer copies or a lower min.insync.replicas than asked is named; one with enough is not. */
class TopicDurabilityTest {

    private final TopicDurability asked = new TopicDurability(3, 2);

    @Test
    void aTopicMadeOnOneBrokerIsNamedWithWhatItLacks() {
        Map<String, TopicDurability.Existing> topics = new LinkedHashMap<>();
        topics.put("calls.missed", new TopicDurability.Existing(1, OptionalInt.of(1)));
        topics.put("sms.commands", new TopicDurability.Existing(3, OptionalInt.of(1)));
        topics.put("sms.events", new TopicDurability.Existing(2, OptionalInt.of(2)));

        assertThat(asked.shortfalls(topics)).containsExactly(
                "calls.missed: 1 replica (asked 3), min.insync.replicas 1 (asked 2)",
                "sms.commands: min.insync.replicas 1 (asked 2)",
                "sms.events: 2 replicas (asked 3)");
    }

    @Test
    void enoughOrMoreIsFineAndAnUnreadableSettingIsNotGuessed() {
        Map<String, TopicDurability.Existing> topics = new LinkedHashMap<>();
        topics.put("calls.missed", new TopicDurability.Existing(3, OptionalInt.of(2)));
        topics.put("settings.call", new TopicDurability.Existing(5, OptionalInt.of(3)));
        topics.put("calls.answered", new TopicDurability.Existing(3, OptionalInt.empty()));

        assertThat(asked.shortfalls(topics)).isEmpty();
    }

    @Test
    void onASingleBrokerOneCopyIsWhatIsAsked() {
        assertThat(new TopicDurability(1, 1).shortfalls(Map.of("calls.missed",
                new TopicDurability.Existing(1, OptionalInt.of(1))))).isEmpty();
    }
}

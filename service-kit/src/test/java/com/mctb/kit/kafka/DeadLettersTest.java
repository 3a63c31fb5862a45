package com.mctb.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    @Test
    void everyIncomingChannelsDeadLetterCounterIsExportedAtZeroFromTheStart() {
        DeadLetters deadLetters = new DeadLetters();
        deadLetters.registry = new SimpleMeterRegistry();
        deadLetters.config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "quarkus.application.name", "workflow-service",
                "mp.messaging.incoming.calls-missed.topic", "calls.missed",
                "mp.messaging.incoming.sms-events.topic", "sms.events",
                "mp.messaging.incoming.sms-events.group.id", "workflow-service",
                "mp.messaging.outgoing.elsewhere.topic", "not.consumed"), "test", 100)).build();

        deadLetters.registerCounters(null);

        assertThat(deadLetters.registry.find("mctb.dead.letters").counters()).hasSize(2).allSatisfy(c ->
                assertThat(c.count()).isZero());
        // The very series send() increments: the consumer is named <application>.<channel>.
        Counter callsMissed = deadLetters.registry.find("mctb.dead.letters").tag("topic", "calls.missed")
                .tag("consumer", "workflow-service.calls-missed").counter();
        assertThat(callsMissed).isNotNull();
        assertThat(deadLetters.registry.find("mctb.dead.letters").tag("topic", "sms.events")
                .tag("consumer", "workflow-service.sms-events").counter()).isNotNull();
    }
}

package com.mctb.gateway.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.contracts.Topics;
import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.DialStatus;
import com.mctb.contracts.json.EventJson;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TopicProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A batch of decisions on the real PostgreSQL and Kafka: one statement for its events, which keep their order. */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
class CallOutcomesTest {

    @Inject
    CallOutcomes outcomes;

    @Test
    void aBatchsMissedCallsReachKafkaOnceEachInTheOrderTheyWereDecided() {
        String caller = "+1555" + (1_000_000 + (int) (Math.random() * 8_999_999));
        List<String> sids = List.of(sid(), sid(), sid(), sid());
        List<CallOutcomes.Decision> batch = List.of(missed(sids.get(2), caller), missed(sids.get(0), caller),
                missed(sids.get(2), caller), missed(sids.get(3), caller), missed(sids.get(1), caller));

        List<Boolean> won = QuarkusTransaction.requiringNew().call(() -> outcomes.decideAll(batch));

        assertThat(won).containsExactly(true, true, false, true, true);
        List<ConsumerRecord<String, String>> records = TopicProbe.readUntil(Topics.CALLS_MISSED,
                rs -> rs.stream().filter(r -> r.value().contains(caller)).count() >= 4,
                Duration.ofSeconds(20), Duration.ofSeconds(2));
        assertThat(records.stream().filter(r -> r.value().contains(caller))
                .map(r -> EventJson.decode(r.value(), CallMissed.class).callSid()))
                .containsExactly(sids.get(2), sids.get(0), sids.get(3), sids.get(1));
    }

    private static CallOutcomes.Decision missed(String callSid, String caller) {
        return CallOutcomes.Decision.missed(new CallMissed(callSid, "glow", caller, "+15557654321",
                DialStatus.NO_ANSWER, 17, false, Instant.now()));
    }

    private static String sid() {
        return "CA" + UUID.randomUUID().toString().replace("-", "");
    }
}

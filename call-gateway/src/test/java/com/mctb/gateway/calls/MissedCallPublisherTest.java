package com.mctb.gateway.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.contracts.Topics;
import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.DialStatus;
import com.mctb.contracts.json.EventJson;
import com.mctb.gateway.config.GatewayConfig;
import com.mctb.kit.kafka.CloudEvents;
import com.mctb.kit.kafka.KafkaProducers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fall-back chain when the database, and then Kafka too, cannot take a missed call. No framework. */
class MissedCallPublisherTest {

    @TempDir
    Path spoolDir;

    private final FakeOutcomes outcomes = new FakeOutcomes();
    private MockProducer<String, String> kafka;
    private MissedCallPublisher publisher;
    private MissedCallSpool spool;

    @BeforeEach
    void wire() {
        kafka = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        spool = new MissedCallSpool();
        spool.config = config(spoolDir);
        spool.outcomes = outcomes;
        spool.registry = registry;
        spool.init(null);
        publisher = new MissedCallPublisher();
        publisher.outcomes = outcomes;
        publisher.kafka = new KafkaProducers(kafka, "call-gateway");
        publisher.spool = spool;
        publisher.registry = registry;
    }

    @Test
    void normallyTheDatabaseAndOutboxTakeIt() {
        assertThat(publisher.publish(missed("CA1"))).isTrue();

        assertThat(outcomes.reported).extracting(CallMissed::callSid).containsExactly("CA1");
        assertThat(kafka.history()).isEmpty();
    }

    @Test
    void withTheDatabaseAwayItGoesStraightToKafka() {
        outcomes.databaseDown = true;

        assertThat(publisher.publish(missed("CA2"))).isTrue();

        assertThat(kafka.history()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo(Topics.CALLS_MISSED);
            assertThat(record.key()).isEqualTo("glow/+15551230001");
            assertThat(EventJson.decode(record.value(), CallMissed.class).callSid()).isEqualTo("CA2");
            // The same CloudEvents envelope as a record the outbox relay sends.
            assertThat(CloudEvents.header(record.headers(), CloudEvents.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(CloudEvents.header(record.headers(), CloudEvents.ID)).isEqualTo("CallMissed/CA2");
            assertThat(CloudEvents.header(record.headers(), CloudEvents.TYPE)).isEqualTo("com.mctb.CallMissed.v1");
            assertThat(CloudEvents.header(record.headers(), CloudEvents.SOURCE)).isEqualTo("call-gateway");
            assertThat(Instant.parse(CloudEvents.header(record.headers(), CloudEvents.TIME))).isNotNull();
        });
    }

    @Test
    void withBothAwayItWaitsOnDiskAndIsReportedWhenTheDatabaseIsBack() throws Exception {
        outcomes.databaseDown = true;
        kafka = new MockProducer<>(false, null, new StringSerializer(), new StringSerializer());
        publisher.kafka = new KafkaProducers(kafka);
        Thread failer = new Thread(() -> {
            while (kafka.history().isEmpty()) {
                Thread.onSpinWait();
            }
            kafka.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker away"));
        });
        failer.start();

        assertThat(publisher.publish(missed("CA3"))).isTrue();
        failer.join();
        assertThat(spool.size()).isEqualTo(1);
        assertThat(Files.readString(spoolDir.resolve("missed-calls.jsonl"))).contains("CA3");

        spool.drain();
        assertThat(spool.size()).isEqualTo(1);
        outcomes.databaseDown = false;
        spool.drain();

        assertThat(spool.size()).isZero();
        assertThat(outcomes.reported).extracting(CallMissed::callSid).containsExactly("CA3");
    }

    private static CallMissed missed(String callSid) {
        return new CallMissed(callSid, "glow", "+15551230001", "+15557654321", DialStatus.NO_ANSWER, 17, false,
                Instant.parse("2026-11-28T14:00:00Z"));
    }

    private static GatewayConfig config(Path spoolDir) {
        return new GatewayConfig() {
            public int defaultTimeoutSeconds() {
                return 20;
            }

            public String defaultRegion() {
                return "US";
            }

            public int maxVoicemailSeconds() {
                return 120;
            }

            public java.time.Duration statusGrace() {
                return java.time.Duration.ofSeconds(10);
            }

            public String spoolDirectory() {
                return spoolDir.toString();
            }

            public int screeningSeconds() {
                return 8;
            }

            public String twilioApiBaseUrl() {
                return "https://api.twilio.com";
            }

            public int recordingCacheMegabytes() {
                return 32;
            }
        };
    }

    /** The database side: reports go through unless the database is "down". */
    static final class FakeOutcomes extends CallOutcomes {
        boolean databaseDown;
        final List<CallMissed> reported = new ArrayList<>();

        @Override
        public boolean reportMissed(CallMissed missed) {
            if (databaseDown) {
                throw new IllegalStateException("Acquisition timeout while waiting for new connection");
            }
            reported.add(missed);
            return true;
        }
    }
}

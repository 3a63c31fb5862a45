package com.mctb.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class DeadLetterWritesTest {

    /** How many writes fail from now on (as to a .dlq topic that is missing or unwritable). */
    private final AtomicInteger failing = new AtomicInteger();
    private final MockProducer<String, String> kafka = new MockProducer<>(true, null, new StringSerializer(),
            new StringSerializer()) {
        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, String> record) {
            if (failing.getAndDecrement() > 0) {
                return CompletableFuture.failedFuture(new TopicAuthorizationException(record.topic()));
            }
            return super.send(record);
        }
    };
    private final DeadLetterWrites writes = writes(kafka);

    @Test
    void aDeadLetterWhoseWriteFailsIsTriedAgainUntilItIsWrittenAndEachFailureIsCounted() {
        failing.set(2);

        writes.write("kit-flow.kit-flow", record(), new IllegalArgumentException("not JSON"));

        assertThat(kafka.history()).hasSize(1).allSatisfy(letter -> assertThat(letter.topic()).isEqualTo("kit.flow.dlq"));
        assertThat(writes.registry.counter(DeadLetterWrites.FAILURES).count()).isEqualTo(2);
        assertThat(writes.waiting()).isZero();
        assertThat(writes.lastError()).contains("could not write dead letter to kit.flow.dlq");
    }

    @Test
    void whileAWriteFailsTheRecordIsCountedAsWaitingAndAStopLeavesItUnwritten() throws Exception {
        failing.set(Integer.MAX_VALUE);
        CompletableFuture<Void> written = CompletableFuture.runAsync(() -> writes.write("kit-flow.kit-flow", record(),
                new IllegalArgumentException("not JSON")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (writes.waiting() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(writes.waiting()).isEqualTo(1);
        assertThat(writes.registry.get(DeadLetterWrites.WAITING).gauge().value()).isEqualTo(1);
        assertThat(written).isNotDone();

        writes.stopping(null);

        assertThatThrownBy(() -> written.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(DeadLetterWrites.Stopping.class);
        assertThat(writes.waiting()).isZero();
        assertThat(kafka.history()).isEmpty();
    }

    private static DeadLetterWrites writes(MockProducer<String, String> kafka) {
        DeadLetters deadLetters = new DeadLetters();
        deadLetters.registry = new SimpleMeterRegistry();
        deadLetters.kafka = new KafkaProducers(kafka, "kit-flow");
        DeadLetterWrites writes = new DeadLetterWrites();
        writes.deadLetters = deadLetters;
        writes.registry = new SimpleMeterRegistry();
        writes.config = new ConsumerConfig() {
            public int timeoutAttempts() {
                return 5;
            }

            public Duration deadLetterRetry() {
                return Duration.ofMillis(10);
            }

            public Duration deadLetterMaxRetry() {
                return Duration.ofMillis(40);
            }
        };
        writes.registerMeters(null);
        return writes;
    }

    private static ConsumerRecord<String, String> record() {
        return new ConsumerRecord<>("kit.flow", 0, 7, "poison", "not json");
    }
}

package com.mctb.messaging.sending;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.contracts.event.Channel;
import com.mctb.messaging.config.MessagingConfig;
import com.mctb.messaging.persistence.SendingSlots;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TwilioStandInResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The rate of a sending number holds across replicas: two gates, as two instances have, over the one database, share
 * the number's slots (toll-free: 4/s in the test profile).
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class SharedSendingRateTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Inject
    SendingRateGate thisInstance;

    @Inject
    MessagingConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void twoInstancesSendingForOneNumberHoldItsRateTogether() throws Exception {
        SendingRateGate otherInstance = new SendingRateGate(config.rateLimit(), new SendingSlots(dataSource));
        String number = "+1800555" + (1000 + (System.nanoTime() & 0xFFF) % 9000);
        List<Long> sentAt = Collections.synchronizedList(new ArrayList<>());
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        CountDownLatch done = new CountDownLatch(10);
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            SendingRateGate gate = i % 2 == 0 ? thisInstance : otherInstance;
            replicas.execute(() -> {
                long wait = gate.reserve(Channel.SMS, number);
                // The timer would hold the wait; here the replica's thread does, then "sends".
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                sentAt.add(System.nanoTime() - start);
                done.countDown();
            });
        }
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        replicas.shutdown();

        List<Long> times = new ArrayList<>(sentAt);
        Collections.sort(times);
        // 10 texts at 4/s: the last goes 9 slots (2.25 s) after the first, not 1 s as with a gate per instance.
        assertThat(times.get(9) - times.get(0)).as("first to last send").isGreaterThanOrEqualTo(2_100 * MS);
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 1)).as("between send %d and %d", i, i + 1)
                    .isGreaterThanOrEqualTo(200 * MS);
        }
    }

    @Test
    void eachReservationTakesOneSlotOfTheNumbersRow() throws Exception {
        String number = "+1800556" + (1000 + (System.nanoTime() & 0xFFF) % 9000);
        int n = 200;
        long start = System.nanoTime();
        long lastWait = 0;
        for (int i = 0; i < n; i++) {
            lastWait = thisInstance.reserve(Channel.SMS, number);
        }
        long elapsed = System.nanoTime() - start;
        System.out.printf("shared sending slots: %d reservations (one upsert each), %.3f ms each%n", n,
                elapsed / 1e6 / n);

        // 200 texts at 4/s: the last one's slot is 199 × 250 ms after the first, less the time the loop took.
        assertThat(lastWait).isBetween(199 * 250 * MS - elapsed - 50 * MS, 199 * 250 * MS + 50 * MS);
        try (Connection c = dataSource.getConnection(); ResultSet r = c.createStatement().executeQuery(
                "select extract(epoch from next_slot - now()) from sending_slot where number = '" + number + "'")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getDouble(1)).as("the row holds the next free slot, 200 slots on").isBetween(50.0 - elapsed / 1e9 - 0.5, 50.3);
        }
    }
}

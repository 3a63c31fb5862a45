package com.mctb.settings.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mctb.contracts.Topics;
import com.mctb.contracts.event.CallSettingsChanged;
import com.mctb.contracts.json.EventJson;
import com.mctb.settings.service.AccountService;
import com.mctb.settings.testing.Fixtures;
import com.mctb.settings.testing.TwilioStandIn;
import com.mctb.settings.testing.WorkflowServiceStandIn;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestTokens;
import com.mctb.testkit.TopicProbe;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The outbox guarantee: a committed change reaches the topics even when nothing could be sent at commit time (a
 * crash, Kafka away), a change and its events commit or roll back together, and records follow commit order.
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(WorkflowServiceStandIn.class)
@WithTestResource(TwilioStandIn.class)
class SettingsOutboxTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AccountService accounts;

    @Inject
    EntityManager em;

    @Test
    void aChangeCommittedWhileNothingCanBeSentIsDeliveredOnceSendingWorksAgain() throws Exception {
        Fixtures.account("stalled", "Stalled");
        Fixtures.number("stalled", "+15554440001");
        String key = "stalled/+15554440001";
        try (StalledRelay stalled = new StalledRelay()) {
            Fixtures.callSettings("stalled", "call-settings", Map.of("timeoutSeconds", 13));

            // Committed: the change and its records are both in the database, and nothing has reached Kafka.
            assertThat(queryLong("select timeout_seconds from call_settings where account_id = 'stalled' and level = 'ACCOUNT'"))
                    .isEqualTo(13);
            assertThat(outboxUnder(key)).filteredOn(s -> s.timeoutSeconds() == 13).hasSize(1);
            assertThat(TopicProbe.readAll(Topics.SETTINGS_CALL, Duration.ofMillis(1500)).stream()
                    .filter(r -> key.equals(r.key()) && r.value() != null)
                    .map(r -> EventJson.decode(r.value(), CallSettingsChanged.class))
                    .anyMatch(s -> s.timeoutSeconds() == 13)).isFalse();
        }

        assertThat(Fixtures.latest(Topics.SETTINGS_CALL, key, CallSettingsChanged.class, s -> s.timeoutSeconds() == 13)
                .timeoutSeconds()).isEqualTo(13);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> queryLong("select count(*) from outbox where record_key = '" + key + "'") == 0);
    }

    @Test
    void rowsACrashLeftCommittedButUnsentAreSentWithoutAnyWakeUp() throws Exception {
        String key = "crashed/+15554450001";
        CallSettingsChanged leftBehind = new CallSettingsChanged("crashed", "+15554450001", "Crashed Inc", 17, List.of(),
                null, true, false, null, 42, Instant.parse("2026-11-28T12:00:00Z"));
        try (StalledRelay stalled = new StalledRelay();
             Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "insert into outbox (topic, record_key, payload) values (?, ?, ?)")) {
            // What a process that died right after its commit leaves: rows in the table, and no relay woken for them.
            insert.setString(1, Topics.SETTINGS_CALL);
            insert.setString(2, key);
            insert.setString(3, EventJson.encode(leftBehind));
            insert.executeUpdate();
        }

        assertThat(Fixtures.latest(Topics.SETTINGS_CALL, key, CallSettingsChanged.class, s -> s.version() == 42))
                .isEqualTo(leftBehind);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> queryLong("select count(*) from outbox where record_key = '" + key + "'") == 0);
    }

    @Test
    void aChangeAndItsEventsRollBackTogether() throws Exception {
        QuarkusTransaction.begin();
        try {
            accounts.save("rolled-back", "Rolled Back", "America/Chicago");
            Number pending = (Number) em.createNativeQuery("select count(*) from outbox where record_key = 'rolled-back'")
                    .getSingleResult();
            assertThat(pending.longValue()).as("the events are written in the change's transaction").isEqualTo(2);
        } finally {
            QuarkusTransaction.rollback();
        }

        assertThat(queryLong("select count(*) from account where id = 'rolled-back'")).isZero();
        assertThat(queryLong("select count(*) from outbox where record_key = 'rolled-back'")).isZero();
        // A change committed after it is delivered; the relay sends in order, so by then the rolled-back one would be.
        Fixtures.account("after-rollback", "After Rollback");
        Fixtures.latest(Topics.SETTINGS_BUSINESS, "after-rollback",
                com.mctb.contracts.event.BusinessProfileChanged.class, p -> true);
        assertThat(TopicProbe.readAll(Topics.SETTINGS_BUSINESS, Duration.ofMillis(300)))
                .noneMatch(r -> "rolled-back".equals(r.key()));
    }

    @Test
    void concurrentChangesOfOneAccountArePublishedInCommitOrderSoTheLastRecordIsTheTruth() throws Exception {
        Fixtures.account("race", "Race");
        Fixtures.number("race", "+15554460001");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> puts = new ArrayList<>();
            for (int t = 11; t <= 26; t++) {
                int timeout = t;
                puts.add(pool.submit(() -> TestTokens.as("race").contentType(ContentType.JSON)
                        .body(Map.of("timeoutSeconds", timeout)).put("/api/accounts/race/call-settings").statusCode()));
            }
            for (Future<Integer> put : puts) {
                assertThat(put.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        int saved = TestTokens.as("race").get("/api/accounts/race/call-settings").then().extract().path("timeoutSeconds");
        int version = TestTokens.as("race").get("/api/accounts/race").then().extract().path("version");

        List<ConsumerRecord<String, String>> records = Fixtures.recordsUnder(Topics.SETTINGS_CALL, "race/+15554460001",
                r -> EventJson.decode(r.value(), CallSettingsChanged.class).version() == version);
        List<CallSettingsChanged> snapshots = records.stream()
                .map(r -> EventJson.decode(r.value(), CallSettingsChanged.class)).toList();
        assertThat(snapshots).extracting(CallSettingsChanged::version).isSorted().doesNotHaveDuplicates();
        assertThat(snapshots.get(snapshots.size() - 1).timeoutSeconds()).isEqualTo(saved);
    }

    /** The settings.call records waiting in the outbox under a key. */
    private List<CallSettingsChanged> outboxUnder(String key) throws SQLException {
        List<CallSettingsChanged> waiting = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "select payload from outbox where topic = ? and record_key = ? order by id")) {
            select.setString(1, Topics.SETTINGS_CALL);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    waiting.add(EventJson.decode(rs.getString(1), CallSettingsChanged.class));
                }
            }
        }
        return waiting;
    }

    private long queryLong(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Holds the lock the outbox relay takes before each send, as another replica of the relay would: while it is
     * held, this service's relay sends nothing, exactly as when it crashed or Kafka is away.
     */
    private final class StalledRelay implements AutoCloseable {
        private final Connection connection;

        StalledRelay() throws SQLException {
            connection = dataSource.getConnection();
            connection.createStatement().execute("select pg_advisory_lock(hashtext('settings.outbox'))");
        }

        @Override
        public void close() throws SQLException {
            try {
                connection.createStatement().execute("select pg_advisory_unlock(hashtext('settings.outbox'))");
            } finally {
                connection.close();
            }
        }
    }
}

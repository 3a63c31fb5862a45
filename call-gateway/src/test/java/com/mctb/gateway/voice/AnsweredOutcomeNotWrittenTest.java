package com.mctb.gateway.voice;

import static com.mctb.gateway.voice.KnownNumbers.CALLER;
import static com.mctb.gateway.voice.KnownNumbers.GLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mctb.contracts.Topics;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TopicProbe;
import com.mctb.testkit.TwilioStandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An answered call whose decision the database did not take (its batch's write failed while the table was locked:
 * a database blip) is never reported as missed: the decision went to the disk spool past the write deadline, the
 * ended-call check skips a call the spool holds, and the spool writes it as answered once the database is back.
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class AnsweredOutcomeNotWrittenTest {

    @Inject
    DataSource dataSource;

    @BeforeEach
    void numbersAreKnownToTheGateway() {
        KnownNumbers.publishAndAwait();
    }

    @Test
    void anAnsweredCallWhoseWriteFailedIsNotTextedAsMissed() throws Exception {
        String callSid = Webhooks.callSid(8_101);
        Webhooks.post("/twilio/voice/incoming", Webhooks.call(callSid, CALLER, GLOW)).then().statusCode(200);
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("lock table gateway.call_outcome in access exclusive mode");
            }

            CompletableFuture<Response> posted = CompletableFuture.supplyAsync(() -> Webhooks.post(
                    "/twilio/voice/dial-complete", Webhooks.dialComplete(callSid, CALLER, GLOW, "completed")));
            Response response = posted.get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(TwiMl.parse(response.asString()).verbs()).isEmpty();

            // The call ends; its status callback is noted for the ended-call check (grace 1 s in tests).
            Map<String, String> ended = Webhooks.call(callSid, CALLER, GLOW);
            ended.put("CallStatus", "completed");
            ended.put("CallDuration", "42");
            Webhooks.post("/twilio/voice/status", ended).then().statusCode(200);

            // The blip: the writer's connection, waiting on the lock with the answered decision, is cut.
            await().atMost(Duration.ofSeconds(10)).until(() -> terminateWritersWaitingOnTheLock(lock) > 0);
            Thread.sleep(1_500); // the grace passes while the table is still locked
            lock.rollback();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> "ANSWERED".equals(outcome(callSid)));
        await().atMost(Duration.ofSeconds(20)).until(() -> !endedCallNoted(callSid));
        assertThat(KnownNumbers.missedCalls(callSid, 0)).as("an answered call is never reported as missed").isEmpty();
        assertThat(TopicProbe.readUntil(Topics.CALLS_ANSWERED, rs -> rs.stream().anyMatch(r -> r.value().contains(callSid)),
                Duration.ofSeconds(20), Duration.ofSeconds(1))).filteredOn(r -> r.value().contains(callSid)).hasSize(1);
    }

    /** Cuts the connections whose insert into call_outcome waits for the lock; returns how many. */
    private static int terminateWritersWaitingOnTheLock(Connection lock) throws Exception {
        try (Statement s = lock.createStatement(); ResultSet rows = s.executeQuery("""
                select pg_terminate_backend(pid) from pg_stat_activity
                where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'
                  and query ilike '%insert into call_outcome%'""")) {
            int n = 0;
            while (rows.next()) {
                n++;
            }
            return n;
        }
    }

    private String outcome(String callSid) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "select outcome from gateway.call_outcome where call_sid = ?")) {
            q.setString(1, callSid);
            try (ResultSet rows = q.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private boolean endedCallNoted(String callSid) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "select 1 from gateway.ended_call where call_sid = ?")) {
            q.setString(1, callSid);
            try (ResultSet rows = q.executeQuery()) {
                return rows.next();
            }
        }
    }
}

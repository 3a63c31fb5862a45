package com.mctb.gateway.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TwilioStandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Call records past their retention go, in batches; the ones inside it stay. */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class CallRecordPrunerTest {

    @Inject
    CallRecordPruner pruner;

    @Inject
    DataSource dataSource;

    @Test
    void recordsOlderThanTheRetentionAreDeletedAndNewerOnesKept() throws Exception {
        Instant now = Instant.now();
        Instant old = now.minus(Duration.ofDays(40));
        // More old rows than one batch (1000), so the pruner has to go round.
        for (int i = 0; i < 1_203; i++) {
            outcome("CAprune-old-" + i, old);
        }
        outcome("CAprune-new", now.minus(Duration.ofDays(2)));
        confirmation("CAprune-old-c", old);
        confirmation("CAprune-new-c", now);

        long pruned = pruner.prune(now.minus(Duration.ofDays(30)));

        assertThat(pruned).isEqualTo(1_204);
        assertThat(count("call_outcome", "CAprune-old-%")).isZero();
        assertThat(count("call_outcome", "CAprune-new")).isEqualTo(1);
        assertThat(count("human_confirmation", "CAprune-old-c")).isZero();
        assertThat(count("human_confirmation", "CAprune-new-c")).isEqualTo(1);
    }

    private void outcome(String callSid, Instant decidedAt) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                insert into gateway.call_outcome (call_sid, account_id, dial_status, decided_at, outcome)
                values (?, 'glow', 'no-answer', ?, 'MISSED')""")) {
            s.setString(1, callSid);
            s.setTimestamp(2, Timestamp.from(decidedAt));
            s.executeUpdate();
        }
    }

    private void confirmation(String callSid, Instant at) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into gateway.human_confirmation (call_sid, confirmed_at) values (?, ?)")) {
            s.setString(1, callSid);
            s.setTimestamp(2, Timestamp.from(at));
            s.executeUpdate();
        }
    }

    private long count(String table, String like) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select count(*) from gateway." + table + " where call_sid like ?")) {
            s.setString(1, like);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}

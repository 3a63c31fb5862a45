package com.mctb.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutboxVacuumTest {

    private final AtomicLong now = new AtomicLong(1_000);

    @Test
    void aVacuumIsDueOncePerPeriodAndOnlyAfterRowsWereDeleted() {
        OutboxVacuum vacuum = new OutboxVacuum(Duration.ofNanos(100), now::get);

        now.addAndGet(150);
        assertThat(vacuum.due()).as("nothing deleted yet").isFalse();
        vacuum.deleted(10);
        assertThat(vacuum.due()).isTrue();
        vacuum.done();

        vacuum.deleted(10);
        now.addAndGet(50);
        assertThat(vacuum.due()).as("half a period after the last").isFalse();
        now.addAndGet(50);
        assertThat(vacuum.due()).isTrue();
        vacuum.done();
        now.addAndGet(500);
        assertThat(vacuum.due()).as("nothing deleted since").isFalse();
    }

    @Test
    void zeroNeverVacuums() {
        OutboxVacuum vacuum = new OutboxVacuum(Duration.ZERO, now::get);
        vacuum.deleted(1_000);
        now.addAndGet(1_000_000);
        assertThat(vacuum.due()).isFalse();
    }

    /**
     * On the real PostgreSQL (this machine's runs with autovacuum off): without a vacuum an outbox that is emptied
     * after every batch grows with each batch; with the relay's vacuum between batches it reuses its space.
     */
    @Test
    void theRelaysVacuumLetsAnEmptiedOutboxReuseItsSpace() throws SQLException {
        try (Connection c = TestPostgres.connect();
                Statement sql = c.createStatement()) {
            sql.execute("create schema if not exists vacuum_test");
            sql.execute("set search_path to vacuum_test");
            sql.execute("drop table if exists outbox");
            sql.execute("create table outbox (id bigserial primary key, topic text not null, payload text)");
            JdbcOutboxRows rows = new JdbcOutboxRows(c);

            long unvacuumed = sizeAfterBatches(sql, 4, () -> { });
            sql.execute("truncate outbox");
            long vacuumed = sizeAfterBatches(sql, 4, () -> {
                try {
                    rows.vacuum();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });

            long oneBatch;
            sql.execute("truncate outbox");
            oneBatch = sizeAfterBatches(sql, 1, () -> { });
            assertThat(unvacuumed).as("four batches without a vacuum").isGreaterThanOrEqualTo(3 * oneBatch);
            assertThat(vacuumed).as("four batches with the relay's vacuum between them").isLessThanOrEqualTo(2 * oneBatch);
        }
    }

    /** Writes and deletes {@code batches} batches of 5,000 rows, calling {@code between} after each; the heap's size. */
    private static long sizeAfterBatches(Statement sql, int batches, Runnable between) throws SQLException {
        for (int i = 0; i < batches; i++) {
            sql.execute("insert into outbox (topic, payload) select 'calls.missed', repeat('x', 300) "
                    + "from generate_series(1, 5000)");
            sql.execute("delete from outbox");
            between.run();
        }
        try (ResultSet r = sql.executeQuery("select pg_relation_size('outbox')")) {
            r.next();
            return r.getLong(1);
        }
    }
}

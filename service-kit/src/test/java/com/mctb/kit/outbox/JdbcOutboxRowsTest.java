package com.mctb.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.testkit.TestPostgres;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay's statements on the real PostgreSQL: a term that relays one batch takes the lock with its first read and
 * deletes what was acknowledged while letting go, two statements; rows are never read twice in a term, and another
 * relay can lead once this one let go.
 */
class JdbcOutboxRowsTest {

    private Connection connection;
    private Connection other;
    private final List<String> statements = new ArrayList<>();

    @BeforeEach
    void outbox() throws SQLException {
        connection = TestPostgres.connect();
        other = TestPostgres.connect();
        try (Statement sql = connection.createStatement()) {
            sql.execute("create schema if not exists relay_rows_test");
            sql.execute("drop table if exists relay_rows_test.outbox");
            sql.execute("create table relay_rows_test.outbox (id bigserial primary key, topic text not null, "
                    + "record_key text not null, payload text, traceparent text, event_id text, event_type text, "
                    + "created_at timestamptz not null default now())");
        }
        for (Connection c : List.of(connection, other)) {
            try (Statement sql = c.createStatement()) {
                sql.execute("set search_path to relay_rows_test");
            }
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
        other.close();
    }

    @Test
    void aTermThatRelaysOneBatchIsTwoStatements() throws SQLException {
        insert(3);
        JdbcOutboxRows rows = new JdbcOutboxRows(counted(connection), 10);

        assertThat(rows.lead()).isTrue();
        List<OutboxRow> read = rows.oldest(List.of(), 10);
        assertThat(read).extracting(OutboxRow::topic).containsExactly("t1", "t2", "t3");
        rows.delete(read.stream().map(OutboxRow::id).toList());
        rows.release();

        assertThat(statements).hasSize(2);
        assertThat(count()).as("the acknowledged rows are gone").isZero();
        assertThat(new JdbcOutboxRows(other, 10).lead()).as("the lock was let go").isTrue();
    }

    @Test
    void theNextReadDeletesWhatWasAcknowledgedAndLeavesItOut() throws SQLException {
        insert(5);
        JdbcOutboxRows rows = new JdbcOutboxRows(counted(connection), 2);

        assertThat(rows.lead()).isTrue();
        List<OutboxRow> first = rows.oldest(List.of(), 2);
        List<Long> firstIds = first.stream().map(OutboxRow::id).toList();
        List<OutboxRow> second = rows.oldest(firstIds, 2);
        rows.delete(firstIds);
        List<Long> inFlight = second.stream().map(OutboxRow::id).toList();
        List<OutboxRow> third = rows.oldest(inFlight, 2);

        assertThat(first).extracting(OutboxRow::topic).containsExactly("t1", "t2");
        assertThat(second).extracting(OutboxRow::topic).containsExactly("t3", "t4");
        assertThat(third).as("neither the deleted nor the in-flight rows again").extracting(OutboxRow::topic)
                .containsExactly("t5");
        assertThat(count()).as("the first two deleted with the third read").isEqualTo(3);
        rows.release();
        assertThat(count()).as("nothing else was acknowledged").isEqualTo(3);
    }

    @Test
    void anotherRelayThatLeadsReadsNothingAndDeletesNothing() throws SQLException {
        insert(2);
        JdbcOutboxRows leader = new JdbcOutboxRows(connection, 10);
        assertThat(leader.lead()).isTrue();

        JdbcOutboxRows second = new JdbcOutboxRows(other, 10);
        assertThat(second.lead()).isFalse();
        assertThat(second.oldest(List.of(), 10)).as("a real read, not the lock's").hasSize(2);
        leader.release();
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void anEmptyOutboxIsLedAndLetGo() throws SQLException {
        JdbcOutboxRows rows = new JdbcOutboxRows(counted(connection), 10);
        assertThat(rows.lead()).isTrue();
        assertThat(rows.oldest(List.of(), 10)).isEmpty();
        rows.release();
        assertThat(statements).hasSize(2);
        assertThat(new JdbcOutboxRows(other, 10).lead()).isTrue();
    }

    private void insert(int n) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            for (int i = 1; i <= n; i++) {
                sql.execute("insert into outbox (topic, record_key, payload) values ('t" + i + "', 'k', 'p')");
            }
        }
    }

    private long count() throws SQLException {
        try (Statement sql = other.createStatement(); ResultSet r = sql.executeQuery("select count(*) from outbox")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** The connection, noting each statement prepared on it. */
    private Connection counted(Connection real) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") || method.getName().equals("createStatement")) {
                        statements.add(args == null ? "statement" : String.valueOf(args[0]));
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}

package com.mctb.kit.outbox;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The outbox on one connection in autocommit mode, for one term of leading: a session-level advisory lock (taken
 * with {@link #lead()}, let go with {@link #release()} or when the connection closes) makes this relay the schema's
 * only one, and every read and delete is its own statement, committed at once.
 */
final class JdbcOutboxRows implements OutboxRows {

    private static final String LOCK = "hashtext(current_schema() || '.outbox')";
    private static final String OLDEST = "select id, topic, record_key, payload, traceparent, event_id, event_type, "
            + "created_at from outbox where id <> all (?) order by id limit ?";

    private final Connection connection;

    JdbcOutboxRows(Connection connection) {
        this.connection = connection;
    }

    @Override
    public boolean lead() {
        try (PreparedStatement sql = connection.prepareStatement("select pg_try_advisory_lock(" + LOCK + ")");
                ResultSet row = sql.executeQuery()) {
            return row.next() && row.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the outbox's lock", e);
        }
    }

    @Override
    public void release() {
        try (PreparedStatement sql = connection.prepareStatement("select pg_advisory_unlock(" + LOCK + ")")) {
            sql.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot let go of the outbox's lock", e);
        }
    }

    @Override
    public List<OutboxRow> oldest(Collection<Long> inFlight, int limit) {
        try (PreparedStatement sql = connection.prepareStatement(OLDEST)) {
            Array ids = connection.createArrayOf("bigint", inFlight.toArray());
            sql.setArray(1, ids);
            sql.setInt(2, limit);
            List<OutboxRow> rows = new ArrayList<>();
            try (ResultSet row = sql.executeQuery()) {
                while (row.next()) {
                    OffsetDateTime created = row.getObject(8, OffsetDateTime.class);
                    rows.add(new OutboxRow(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                            row.getString(5), row.getString(6), row.getString(7),
                            created == null ? null : created.toInstant()));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the outbox", e);
        }
    }

    /**
     * Vacuums the outbox (this schema's, by the search path), so the space of the rows it deleted is used again; see
     * {@link OutboxVacuum}. Autocommit: VACUUM cannot run in a transaction. It takes no lock that writers wait for.
     */
    void vacuum() throws SQLException {
        try (java.sql.Statement sql = connection.createStatement()) {
            sql.execute("vacuum (analyze) outbox");
        }
    }

    @Override
    public void delete(Collection<Long> ids) {
        try (PreparedStatement sql = connection.prepareStatement("delete from outbox where id = any (?)")) {
            sql.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            sql.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete relayed outbox rows", e);
        }
    }
}

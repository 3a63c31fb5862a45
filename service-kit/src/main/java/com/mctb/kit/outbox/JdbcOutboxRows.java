package com.mctb.kit.outbox;

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
 * only one, and every statement is committed at once.
 *
 * <p>A term costs as few statements as it can, since at a low rate each record is a term of its own (the relays'
 * terms were 20 of the 32 commits a missed call cost at 50 calls/s, README "Performance and guarantees"): taking the
 * lock also reads the first rows ({@link #lead()}, with the batch size given here), and the rows the broker
 * acknowledged are deleted by the next statement, a read ({@link #oldest}) or letting go ({@link #release()}). So a
 * term that relays one batch is two statements, not four. A delete not yet carried out when the connection is lost
 * leaves rows Kafka has: they are sent again by the next term, as after any crash between the acknowledgement and the
 * delete, and the consumers' inboxes drop the copies.
 */
final class JdbcOutboxRows implements OutboxRows {

    private static final String LOCK = "hashtext(current_schema() || '.outbox')";
    private static final String COLUMNS = "id, topic, record_key, payload, traceparent, event_id, event_type, created_at";
    private static final String OLDEST = "select " + COLUMNS + " from outbox where id <> all (?) order by id limit ?";
    private static final String DELETE = "delete from outbox where id = any (?)";
    /** Deletes the acknowledged ids and reads the next rows (the read's snapshot still has the deleted ones). */
    private static final String DELETE_THEN_OLDEST = "with gone as (" + DELETE + ") " + OLDEST;
    /** The lock, materialized once, and the oldest rows only if it was taken (one row with nulls when none). */
    private static final String LEAD = "with lock as materialized (select pg_try_advisory_lock(" + LOCK + ") as led) "
            + "select lock.led, o.* from lock left join lateral (select " + COLUMNS
            + " from outbox where lock.led order by id limit ?) o on true";
    private static final String UNLOCK = "select pg_advisory_unlock(" + LOCK + ")";
    private static final String DELETE_THEN_UNLOCK = "with gone as (" + DELETE + ") " + UNLOCK;

    private final Connection connection;
    private final int firstRead;
    private final List<Long> toDelete = new ArrayList<>();
    private List<OutboxRow> read;

    /** @param firstRead how many rows taking the lock reads at once (the relay's batch size); 0 reads none */
    JdbcOutboxRows(Connection connection, int firstRead) {
        this.connection = connection;
        this.firstRead = firstRead;
    }

    JdbcOutboxRows(Connection connection) {
        this(connection, 0);
    }

    @Override
    public boolean lead() {
        try (PreparedStatement sql = connection.prepareStatement(LEAD)) {
            sql.setInt(1, firstRead);
            List<OutboxRow> rows = new ArrayList<>();
            boolean led = false;
            try (ResultSet row = sql.executeQuery()) {
                while (row.next()) {
                    led = row.getBoolean(1);
                    if (row.getObject(2) != null) {
                        rows.add(row(row, 1));
                    }
                }
            }
            read = led && firstRead > 0 ? rows : null;
            return led;
        } catch (SQLException e) {
            // The lock may have been taken before the read failed, and it is the session's, not the statement's: a
            // connection that may keep it must not go back to the pool, where no relay would know to let it go.
            try {
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException ignored) {
                // closing it is all that is left to do
            }
            throw new IllegalStateException("cannot take the outbox's lock", e);
        }
    }

    @Override
    public void release() {
        read = null;
        try (PreparedStatement sql = connection.prepareStatement(toDelete.isEmpty() ? UNLOCK : DELETE_THEN_UNLOCK)) {
            if (!toDelete.isEmpty()) {
                sql.setArray(1, connection.createArrayOf("bigint", toDelete.toArray()));
            }
            sql.execute();
            toDelete.clear();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot let go of the outbox's lock", e);
        }
    }

    @Override
    public List<OutboxRow> oldest(Collection<Long> inFlight, int limit) {
        if (read != null) {
            List<OutboxRow> first = read;
            read = null;
            if (inFlight.isEmpty() && toDelete.isEmpty() && limit == firstRead) {
                return first; // what taking the lock read a moment ago
            }
        }
        boolean deleting = !toDelete.isEmpty();
        try (PreparedStatement sql = connection.prepareStatement(deleting ? DELETE_THEN_OLDEST : OLDEST)) {
            int p = 1;
            List<Long> leftOut = new ArrayList<>(inFlight);
            if (deleting) {
                sql.setArray(p++, connection.createArrayOf("bigint", toDelete.toArray()));
                leftOut.addAll(toDelete);
            }
            sql.setArray(p++, connection.createArrayOf("bigint", leftOut.toArray()));
            sql.setInt(p, limit);
            List<OutboxRow> rows = new ArrayList<>();
            try (ResultSet row = sql.executeQuery()) {
                while (row.next()) {
                    rows.add(row(row, 0));
                }
            }
            toDelete.clear();
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the outbox", e);
        }
    }

    /** The row at the result's cursor, its columns from {@code offset + 1} on. */
    private static OutboxRow row(ResultSet row, int offset) throws SQLException {
        OffsetDateTime created = row.getObject(offset + 8, OffsetDateTime.class);
        return new OutboxRow(row.getLong(offset + 1), row.getString(offset + 2), row.getString(offset + 3),
                row.getString(offset + 4), row.getString(offset + 5), row.getString(offset + 6),
                row.getString(offset + 7), created == null ? null : created.toInstant());
    }

    /**
     * Vacuums the outbox (this schema's, by the search path), so the space of the rows it deleted is used again; see
     * {@link OutboxVacuum}. Autocommit: VACUUM cannot run in a transaction. It takes no lock that writers wait for.
     * Deletes not carried out yet are done first.
     */
    void vacuum() throws SQLException {
        if (!toDelete.isEmpty()) {
            try (PreparedStatement sql = connection.prepareStatement(DELETE)) {
                sql.setArray(1, connection.createArrayOf("bigint", toDelete.toArray()));
                sql.executeUpdate();
            }
            toDelete.clear();
        }
        try (java.sql.Statement sql = connection.createStatement()) {
            sql.execute("vacuum (analyze) outbox");
        }
    }

    /** The rows the broker acknowledged: deleted by the next statement of the term (a read, or letting go). */
    @Override
    public void delete(Collection<Long> ids) {
        toDelete.addAll(ids);
    }
}

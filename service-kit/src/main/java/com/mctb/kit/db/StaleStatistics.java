package com.mctb.kit.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The planner's statistics of the tables in the connection's schema, brought up to date where autovacuum would have
 * done it: a table is analyzed once the rows changed since its last analyze reach the server's own
 * {@code autovacuum_analyze_threshold} + {@code autovacuum_analyze_scale_factor} × its rows (50 + 10 % by default), as
 * autovacuum's analyze rule reads.
 *
 * <p>Why by hand: without statistics the planner knows a table only by its size at planning time, and the services'
 * statements are prepared and their plans cached per connection. A plan made while a table was empty (a new database,
 * the first minutes of a stack) scans the whole table, and stays cached after the table has grown, until statistics
 * change. With autovacuum off (this machine's PostgreSQL runs so) they never did: on a stack that had taken some 25,000
 * calls, 1,000 more made 536 sequential scans of {@code contact}, {@code conversation_entry} and {@code workflow_text},
 * reading 17.6 million rows, and PostgreSQL took 2.7 of the 7.8 ms of CPU a missed call cost at 200 calls/s; after one
 * {@code ANALYZE} their statements used their indexes and it took 1.9 ms (README, "Performance and guarantees").
 */
public final class StaleStatistics {

    static final String STALE = """
            select format('%I.%I', s.schemaname, s.relname)
            from pg_stat_user_tables s join pg_class c on c.oid = s.relid
            where s.schemaname = current_schema()
              and s.n_mod_since_analyze >= current_setting('autovacuum_analyze_threshold')::int
                + current_setting('autovacuum_analyze_scale_factor')::float8 * greatest(c.reltuples, 0)
            order by s.relname""";

    private StaleStatistics() {
    }

    /** Whether the server runs autovacuum, which then keeps the statistics itself. */
    public static boolean keptByServer(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement(); ResultSet row = sql.executeQuery("show autovacuum")) {
            return row.next() && "on".equalsIgnoreCase(row.getString(1));
        }
    }

    /** The schema's tables whose statistics autovacuum would renew now. */
    public static List<String> stale(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement sql = connection.prepareStatement(STALE); ResultSet row = sql.executeQuery()) {
            while (row.next()) {
                tables.add(row.getString(1));
            }
        }
        return tables;
    }

    /**
     * Analyzes each stale table (each its own statement; in autocommit mode its own transaction, so a table's lock is
     * held only while it is sampled) and returns their names. ANALYZE reads a sample and takes no lock that readers or
     * writers wait for; the cached plans that use the table are made again at their next execution.
     */
    public static List<String> analyze(Connection connection) throws SQLException {
        List<String> tables = stale(connection);
        try (Statement sql = connection.createStatement()) {
            for (String table : tables) {
                sql.execute("analyze " + table);
            }
        }
        return tables;
    }
}

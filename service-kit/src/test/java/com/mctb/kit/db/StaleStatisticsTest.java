package com.mctb.kit.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On the real PostgreSQL: a batch update's cached plan, made while its table was empty, scans the whole table after
 * it has grown, until its statistics are renewed; {@link StaleStatistics} renews them when autovacuum would, and
 * leaves a table alone that changed too little.
 */
class StaleStatisticsTest {

    private static final String UPDATE = "update contact c set tag = u.tag from unnest($1::int[], $2::text[]) "
            + "as u(id, tag) where c.id = u.id";

    private Connection service;
    private Connection keeper;

    @BeforeEach
    void schema() throws SQLException {
        service = TestPostgres.connect();
        keeper = TestPostgres.connect();
        try (Statement sql = service.createStatement()) {
            sql.execute("drop schema if exists stale_statistics_test cascade");
            sql.execute("create schema stale_statistics_test");
            sql.execute("set search_path to stale_statistics_test");
            // Autovacuum (on in a Docker PostgreSQL) must not analyze them behind the test's back.
            sql.execute("create table contact (id int primary key, tag text) with (autovacuum_enabled = false)");
            sql.execute("create table workflow (id int primary key, name text) with (autovacuum_enabled = false)");
        }
        try (Statement sql = keeper.createStatement()) {
            sql.execute("set search_path to stale_statistics_test");
        }
    }

    @AfterEach
    void close() throws SQLException {
        try (Statement sql = service.createStatement()) {
            sql.execute("drop schema if exists stale_statistics_test cascade");
        }
        service.close();
        keeper.close();
    }

    @Test
    void aPlanCachedWhileTheTableWasEmptyUsesTheIndexOnceTheTableIsAnalyzed() throws SQLException {
        execute(service, "set plan_cache_mode = force_generic_plan");
        execute(service, "prepare batch(int[], text[]) as " + UPDATE);
        assertThat(plan()).as("planned on an empty table").contains("Seq Scan on contact");

        execute(service, "insert into contact select i, null from generate_series(1, 20000) i");
        assertThat(plan()).as("the cached plan, after the table grew").contains("Seq Scan on contact");

        assertThat(StaleStatistics.analyze(keeper)).containsExactly("stale_statistics_test.contact");

        assertThat(plan()).as("planned again with statistics").contains("Index Scan using contact_pkey")
                .doesNotContain("Seq Scan on contact");
    }

    @Test
    void aTableIsStaleOnlyOnceAsManyRowsChangedAsAutovacuumWaitsFor() throws SQLException {
        execute(service, "insert into contact select i, null from generate_series(1, 1000) i");
        execute(service, "insert into workflow select i, null from generate_series(1, 49) i");
        assertThat(StaleStatistics.stale(keeper)).as("50 + 10 %% of none: 1,000 changes are, 49 are not")
                .containsExactly("stale_statistics_test.contact");

        StaleStatistics.analyze(keeper);
        assertThat(StaleStatistics.stale(keeper)).as("just analyzed").isEmpty();

        execute(service, "update contact set tag = 'x' where id <= 140");
        assertThat(StaleStatistics.stale(keeper)).as("140 of 1,000 rows: under 50 + 100").isEmpty();
        execute(service, "update contact set tag = 'y' where id <= 20");
        assertThat(StaleStatistics.stale(keeper)).as("160 changes").containsExactly("stale_statistics_test.contact");
    }

    private String plan() throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Statement sql = service.createStatement();
                ResultSet rows = sql.executeQuery("explain execute batch(array[1, 2], array['a', 'b'])")) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    /** Runs a statement and hands its table counts to the statistics system at once (else within a second). */
    private static void execute(Connection connection, String statement) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.execute(statement);
            sql.execute("select pg_stat_force_next_flush()");
        }
    }
}

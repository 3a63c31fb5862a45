package com.mctb.testkit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real, empty PostgreSQL database for one test JVM: on the PostgreSQL server of this machine (dropped and
 * created fresh, named after the module under test) or in a postgres:15 container when Docker is there.
 * {@code MCTB_TEST_PG_HOST}, {@code _PORT}, {@code _USER}, {@code _PASSWORD} point it at another local server.
 */
public final class TestPostgres {

    private static PostgreSQLContainer container;
    private static String jdbcUrl;
    private static String user;
    private static String password;

    private TestPostgres() {
    }

    /** Starts (or returns) this JVM's database. */
    public static synchronized String start() {
        if (jdbcUrl != null) {
            return jdbcUrl;
        }
        if (Docker.useContainers()) {
            container = new PostgreSQLContainer("postgres:15-alpine");
            container.start();
            jdbcUrl = container.getJdbcUrl();
            user = container.getUsername();
            password = container.getPassword();
            return jdbcUrl;
        }
        String host = env("MCTB_TEST_PG_HOST", "127.0.0.1");
        String port = env("MCTB_TEST_PG_PORT", "5432");
        user = env("MCTB_TEST_PG_USER", "postgres");
        password = env("MCTB_TEST_PG_PASSWORD", "");
        String database = databaseName();
        String server = "jdbc:postgresql://" + host + ":" + port + "/";
        try (Connection admin = DriverManager.getConnection(server + "postgres", user, password);
             Statement sql = admin.createStatement()) {
            sql.execute("drop database if exists " + database + " with (force)");
            sql.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("no PostgreSQL at " + server + " for the tests (start it with "
                    + "'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start'): " + e.getMessage(), e);
        }
        jdbcUrl = server + database;
        return jdbcUrl;
    }

    /** A new connection to this JVM's database (started first if need be). */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(start(), user(), password());
    }

    public static String user() {
        return user;
    }

    public static String password() {
        return password;
    }

    /** mctb_test_ and the module's directory name, e.g. mctb_test_call_gateway. */
    private static String databaseName() {
        String explicit = System.getProperty("mctb.test.database");
        if (explicit != null) {
            return explicit;
        }
        Path moduleDir = Path.of("").toAbsolutePath();
        String module = moduleDir.getFileName().toString();
        return "mctb_test_" + module.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_") + "_"
                + checkoutTag(moduleDir.getParent());
    }

    /**
     * A short tag of the checkout a test runs in (a hash of its directory), so that two checkouts of the repository
     * on one machine (git worktrees, a CI clone beside a working copy) never drop each other's test databases.
     */
    public static String checkoutTag(Path repositoryRoot) {
        return String.format("%08x", repositoryRoot.toAbsolutePath().normalize().toString().hashCode());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

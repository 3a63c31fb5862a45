package com.mctb.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against the local PostgreSQL (nothing else of the stack runs): dropping a stack's database forgets the Twilio
 * stand-in's subaccounts and numbers too, since only that database names them; a fresh run must not meet old ones.
 */
class ResetDatabaseIT {

    private static final String DATABASE = "mctb_reset_it_" + ProcessHandle.current().pid();

    @TempDir
    Path home;

    @Test
    void theStandInsAccountsAndNumbersGoWithTheDatabase() throws Exception {
        StackConfig config = new StackConfig(home, home.resolve(".mctb/stack"), 1, 2, 3, 4, 5, 6, 7,
                "127.0.0.1", 5432, "postgres", "", DATABASE, StackConfig.DEV_ACCOUNT_SID, "token",
                "http://localhost:1", "http://localhost:4");
        Files.createDirectories(config.twilioStandInState().getParent());
        Files.writeString(config.twilioStandInState(), "{\"version\":1,\"accounts\":[],\"numbers\":[]}");
        sql("create database " + DATABASE);
        Stack stack = new Stack(config, System.out);

        stack.resetDatabase();

        assertThat(databaseExists()).isFalse();
        assertThat(config.twilioStandInState()).doesNotExist();
        stack.resetDatabase();
    }

    private static void sql(String statement) throws SQLException {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement sql = admin.createStatement()) {
            sql.execute(statement);
        }
    }

    private static boolean databaseExists() throws SQLException {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement sql = admin.createStatement();
             ResultSet rs = sql.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
            return rs.next();
        }
    }
}

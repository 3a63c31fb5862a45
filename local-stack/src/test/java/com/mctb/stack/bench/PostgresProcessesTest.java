package com.mctb.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresProcessesTest {

    @Test
    void aBackendsCommandLineNamesItsDatabase() {
        assertThat(PostgresProcesses.database("postgres: 15/main: postgres mctb_bench 127.0.0.1(48262) idle"))
                .isEqualTo("mctb_bench");
        assertThat(PostgresProcesses.database("postgres: postgres test 127.0.0.1(1) INSERT")).isEqualTo("test");
        assertThat(PostgresProcesses.database("postgres: 15/main: app mctb [local] idle in transaction")).isEqualTo("mctb");
        assertThat(PostgresProcesses.database("postgres: 15/main: autovacuum worker mctb_bench")).isEqualTo("mctb_bench");
        assertThat(PostgresProcesses.database("postgres: 15/main: checkpointer ")).isNull();
        assertThat(PostgresProcesses.database("postgres: 15/main: walwriter ")).isNull();
        assertThat(PostgresProcesses.database("postgres: 15/main: logical replication launcher ")).isNull();
    }

    private static PostgresProcesses.Process backend(long ticks, String database) {
        return new PostgresProcesses.Process(ticks, database);
    }

    @Test
    void aWindowCountsLiveProcessesAndThoseThatEndedInItOnlyForTheirTimeInIt() {
        PostgresProcesses.Snapshot from = new PostgresProcesses.Snapshot(100, 50, 1_000, Map.of(
                101L, backend(10, null), // checkpointer
                200L, backend(300, "mctb_bench"),
                201L, backend(40, "mctb_bench"), // ends in the window, having used 40 ticks before it
                300L, backend(500, "other")));
        PostgresProcesses.Snapshot to = new PostgresProcesses.Snapshot(100, 52, 1_000 + 40 + 25 + 7, Map.of(
                101L, backend(13, null),
                200L, backend(400, "mctb_bench"),
                202L, backend(20, "mctb_bench"), // started in the window
                300L, backend(560, "other")));
        // 201 ended with 65 ticks in all (25 in the window); a backend born and ended in the window used 7.
        PostgresProcesses.Cpu cpu = PostgresProcesses.between(from, to, "mctb_bench");
        assertThat(cpu.database()).isEqualTo((100 + 20) * 10.0);
        assertThat(cpu.background()).isEqualTo((3 + 2) * 10.0); // checkpointer + postmaster
        assertThat(cpu.ended()).isEqualTo((25 + 7) * 10.0);
        assertThat(cpu.otherDatabases()).isEqualTo(60 * 10.0);
        assertThat(cpu.product()).isEqualTo((120 + 5 + 32) * 10.0);
        assertThat(cpu.total()).isEqualTo((120 + 5 + 32 + 60) * 10.0);
    }

    @Test
    void aReusedPidCountsFromZeroAndARestartedServerIsNotCompared() {
        PostgresProcesses.Snapshot from = new PostgresProcesses.Snapshot(100, 0, 0, Map.of(200L, backend(300, "mctb_bench")));
        PostgresProcesses.Snapshot reused = new PostgresProcesses.Snapshot(100, 0, 300, Map.of(200L, backend(4, "mctb_bench")));
        assertThat(PostgresProcesses.between(from, reused, "mctb_bench").database()).isEqualTo(40.0);
        PostgresProcesses.Snapshot restarted = new PostgresProcesses.Snapshot(999, 0, 0, Map.of(200L, backend(400, "mctb_bench")));
        assertThat(PostgresProcesses.between(from, restarted, "mctb_bench").total()).isZero();
        assertThat(PostgresProcesses.between(PostgresProcesses.Snapshot.NONE, PostgresProcesses.Snapshot.NONE, "x").total())
                .isZero();
    }
}

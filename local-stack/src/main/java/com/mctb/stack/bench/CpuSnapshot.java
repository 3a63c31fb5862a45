package com.mctb.stack.bench;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The CPU ticks every process of a benchmark has used up to one moment: the stack's JVMs by name, the PostgreSQL
 * server's processes, and the load generator (this JVM). Two snapshots give a window's {@link CpuSplit}.
 *
 * @param nanoTime   {@link System#nanoTime} when taken
 * @param epochNanos wall-clock time when taken (to match it against the stand-in's timestamps)
 * @param jvms       the stack's processes by name (kafka, twilio-standin, the services) → ticks
 * @param self       this JVM's ticks
 */
public record CpuSnapshot(long nanoTime, long epochNanos, Map<String, Long> jvms, long self,
        PostgresProcesses.Snapshot postgres) {

    /** Reads /proc now: each of {@code pids} (name → pid), this process, and the server under {@code postmaster}. */
    public static CpuSnapshot take(Map<String, Long> pids, OptionalLong postmaster) {
        long nano = System.nanoTime();
        Instant now = Instant.now();
        Map<String, Long> jvms = new LinkedHashMap<>();
        pids.forEach((name, pid) -> jvms.put(name, ProcStat.read(pid).map(ProcStat::ownTicks).orElse(0L)));
        long self = ProcStat.read(ProcessHandle.current().pid()).map(ProcStat::ownTicks).orElse(0L);
        return new CpuSnapshot(nano, now.getEpochSecond() * 1_000_000_000L + now.getNano(), jvms, self,
                PostgresProcesses.snapshot(postmaster));
    }
}

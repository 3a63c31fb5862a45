package com.mctb.stack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One line of {@code /proc/<pid>/stat} (Linux, proc(5)): the process's name, parent, and CPU time in clock ticks —
 * its own ({@code utime + stime}) and that of its children it has waited for ({@code cutime + cstime}), which is
 * where a PostgreSQL backend's CPU goes when it exits.
 */
public record ProcStat(long pid, String comm, long ppid, long utime, long stime, long cutime, long cstime) {

    /** Clock ticks per second of the times in {@code stat} (USER_HZ, 100 on Linux). */
    public static final double TICKS_PER_SECOND = 100.0;

    /** Parses a stat line; the name is between the first '(' and the last ')' (it may hold spaces and parentheses). */
    public static ProcStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line);
        }
        long pid = Long.parseLong(line.substring(0, open).trim());
        String comm = line.substring(open + 1, close);
        // After ") ": state(3) ppid(4) pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime(14)
        // stime(15) cutime(16) cstime(17) ... (field numbers as in proc(5)).
        String[] f = line.substring(close + 2).trim().split(" +");
        return new ProcStat(pid, comm, Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                Long.parseLong(f[13]), Long.parseLong(f[14]));
    }

    /** The process's stat now, or empty if it is gone (or this is not Linux). */
    public static Optional<ProcStat> read(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "stat"));
    }

    static Optional<ProcStat> read(Path statFile) {
        try {
            return Optional.of(parse(Files.readString(statFile)));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    /** CPU the process itself used, user and system, in ticks. */
    public long ownTicks() {
        return utime + stime;
    }

    /** CPU of its children that ended and were waited for, in ticks. */
    public long childTicks() {
        return cutime + cstime;
    }

    /** Ticks as milliseconds of CPU. */
    public static double ms(long ticks) {
        return ticks * 1000.0 / TICKS_PER_SECOND;
    }
}

package com.mctb.stack.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The CPU of a PostgreSQL server, which is many processes: the postmaster, its background processes (checkpointer,
 * WAL writer, …) and one backend per connection. A backend that exits takes its CPU with it into the postmaster's
 * {@code cutime + cstime} once the postmaster has waited for it, so a window's CPU is: what the live processes used
 * in it, plus the growth of the postmaster's children's time, less what the ended ones had used before the window.
 * A backend's command line names its database ({@code postgres: 15/main: postgres mctb_bench 127.0.0.1(48262) idle}),
 * so the backends of other databases (other work on a shared server) can be told apart; ended backends cannot.
 */
public final class PostgresProcesses {

    /** Where Debian's PostgreSQL 15 keeps the postmaster's pid (first line). */
    static final Path DEBIAN_PID_FILE = Path.of("/var/lib/postgresql/15/main/postmaster.pid");

    private static final Pattern BACKEND = Pattern.compile(
            "^postgres: (?:\\S+: )?(\\S+) (\\S+) (?:\\S+\\(\\d+\\)|\\[local\\])");
    private static final Pattern AUTOVACUUM_WORKER = Pattern.compile("autovacuum worker (\\S+)");

    private PostgresProcesses() {
    }

    /** One process of the server: its CPU ticks, and its database if it is a backend (else null). */
    public record Process(long ticks, String database) {
    }

    /** The server's processes at one moment; {@code postmasterChildTicks} is the postmaster's cutime + cstime. */
    public record Snapshot(long postmaster, long postmasterTicks, long postmasterChildTicks, Map<Long, Process> children) {

        static final Snapshot NONE = new Snapshot(0, 0, 0, Map.of());
    }

    /**
     * A window's CPU in milliseconds: {@code database} — backends of the benchmark's database (and autovacuum
     * workers on it); {@code otherDatabases} — live backends of any other database; {@code background} — the
     * postmaster and its processes without a database; {@code ended} — processes that exited in the window (any
     * database).
     */
    public record Cpu(double database, double otherDatabases, double background, double ended) {

        /** Everything the server used: the figure to compare across machines with nothing else on the server. */
        public double total() {
            return database + otherDatabases + background + ended;
        }

        /** What the product is charged: all but the live backends of other databases. */
        public double product() {
            return database + background + ended;
        }
    }

    /** The postmaster's pid: the first line of its pid file, else a {@code postgres} process whose parent is init. */
    public static OptionalLong postmaster() {
        try {
            return OptionalLong.of(Long.parseLong(Files.readAllLines(DEBIAN_PID_FILE).get(0).trim()));
        } catch (IOException | RuntimeException noPidFile) {
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                return procs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                        .map(n -> ProcStat.read(Long.parseLong(n))).flatMap(java.util.Optional::stream)
                        .filter(s -> s.comm().equals("postgres") && s.ppid() == 1)
                        .mapToLong(ProcStat::pid).findFirst();
            } catch (IOException noProc) {
                return OptionalLong.empty();
            }
        }
    }

    /** The server's processes now (one pass over /proc); {@link Snapshot#NONE} without a postmaster. */
    public static Snapshot snapshot(OptionalLong postmaster) {
        if (postmaster.isEmpty()) {
            return Snapshot.NONE;
        }
        long pm = postmaster.getAsLong();
        java.util.Optional<ProcStat> master = ProcStat.read(pm);
        if (master.isEmpty()) {
            return Snapshot.NONE;
        }
        Map<Long, Process> children = new LinkedHashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                ProcStat.read(p.resolve("stat")).filter(s -> s.ppid() == pm).ifPresent(s -> {
                    children.put(s.pid(), new Process(s.ownTicks(), database(cmdline(p))));
                });
            }
        } catch (IOException noProc) {
            return Snapshot.NONE;
        }
        return new Snapshot(pm, master.get().ownTicks(), master.get().childTicks(), children);
    }

    private static String cmdline(Path proc) {
        try {
            return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }

    /** The database a server process works for, from its command line; null for a background process. */
    static String database(String cmdline) {
        Matcher autovacuum = AUTOVACUUM_WORKER.matcher(cmdline);
        if (autovacuum.find()) {
            return autovacuum.group(1);
        }
        Matcher backend = BACKEND.matcher(cmdline);
        return backend.find() ? backend.group(2) : null;
    }

    /** The CPU from {@code from} to {@code to}, {@code database} being the benchmark's. */
    public static Cpu between(Snapshot from, Snapshot to, String database) {
        if (from.postmaster() != to.postmaster() || to == Snapshot.NONE) {
            return new Cpu(0, 0, 0, 0); // no server, or it restarted in between: nothing comparable
        }
        long ours = 0, others = 0, background = to.postmasterTicks() - from.postmasterTicks();
        for (Map.Entry<Long, Process> e : to.children().entrySet()) {
            Process before = from.children().get(e.getKey());
            long used = e.getValue().ticks() - (before == null ? 0 : before.ticks());
            if (before != null && used < 0) {
                used = e.getValue().ticks(); // the pid was reused by a new process
            }
            String db = e.getValue().database();
            if (db == null) {
                background += used;
            } else if (db.equals(database)) {
                ours += used;
            } else {
                others += used;
            }
        }
        long endedBefore = from.children().entrySet().stream().filter(e -> !to.children().containsKey(e.getKey()))
                .mapToLong(e -> e.getValue().ticks()).sum();
        long ended = Math.max(0, to.postmasterChildTicks() - from.postmasterChildTicks() - endedBefore);
        return new Cpu(ProcStat.ms(ours), ProcStat.ms(others), ProcStat.ms(background), ProcStat.ms(ended));
    }
}

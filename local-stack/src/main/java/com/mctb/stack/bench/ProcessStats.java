package com.mctb.stack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU time and resident memory of the stack's processes, read from /proc (Linux): CPU as the share of one core
 * used between {@link #start} and {@link #stop}, RSS as the largest value seen by {@link #sample}.
 */
public final class ProcessStats {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private final Map<String, Long> pids;
    private final Map<String, Long> cpuTicksAtStart = new LinkedHashMap<>();
    private final Map<String, Long> jitTicksAtStart = new LinkedHashMap<>();
    private final Map<String, Long> peakRssKb = new ConcurrentHashMap<>();
    private long startNanos;
    private double seconds;
    private final Map<String, Result> results = new LinkedHashMap<>();

    public ProcessStats(Map<String, Long> pids) {
        this.pids = pids;
    }

    public void start() {
        startNanos = System.nanoTime();
        pids.forEach((name, pid) -> cpuTicksAtStart.put(name, cpuTicks(pid)));
        pids.forEach((name, pid) -> jitTicksAtStart.put(name, jitTicks(pid)));
        sample();
    }

    public void sample() {
        pids.forEach((name, pid) -> peakRssKb.merge(name, rssKb(pid), Math::max));
    }

    public Map<String, Result> stop() {
        sample();
        seconds = (System.nanoTime() - startNanos) / 1e9;
        pids.forEach((name, pid) -> results.put(name, new Result(
                (cpuTicks(pid) - cpuTicksAtStart.getOrDefault(name, 0L)) / TICKS_PER_SECOND / seconds * 100.0,
                Math.max(0, jitTicks(pid) - jitTicksAtStart.getOrDefault(name, 0L)) / TICKS_PER_SECOND / seconds * 100.0,
                peakRssKb.getOrDefault(name, 0L) / 1024)));
        return results;
    }

    /** How long the last {@link #stop}ped window was, in seconds. */
    public double seconds() {
        return seconds;
    }

    /** CPU milliseconds all processes used per {@code unit} (e.g. per call) over the window. */
    public static double cpuMsPer(Map<String, Result> results, double windowSeconds, long units) {
        double cores = results.values().stream().mapToDouble(Result::cpuPercent).sum() / 100.0;
        return units == 0 ? 0 : cores * windowSeconds * 1000.0 / units;
    }

    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * CPU of the JVM's JIT compiler threads (C1, C2) alive now. Compiler threads come and go with the JVM's dynamic
     * compiler-thread count, so a thread that ended during the run is missed: a lower bound.
     */
    private static long jitTicks(long pid) {
        long ticks = 0;
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (IOException | RuntimeException threadGone) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException | RuntimeException processGone) {
            return 0;
        }
        return ticks;
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // the process is gone
        }
        return 0;
    }

    /**
     * @param cpuPercent share of one core over the run (200 = both cores of this machine)
     * @param jitPercent of that, the JIT compiler threads' share (a lower bound)
     */
    public record Result(double cpuPercent, double jitPercent, long peakRssMb) {
    }
}

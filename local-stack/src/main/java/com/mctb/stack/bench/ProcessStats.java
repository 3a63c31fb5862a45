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
    private final Map<String, Long> peakRssKb = new ConcurrentHashMap<>();
    private long startNanos;
    private final Map<String, Result> results = new LinkedHashMap<>();

    public ProcessStats(Map<String, Long> pids) {
        this.pids = pids;
    }

    public void start() {
        startNanos = System.nanoTime();
        pids.forEach((name, pid) -> cpuTicksAtStart.put(name, cpuTicks(pid)));
        sample();
    }

    public void sample() {
        pids.forEach((name, pid) -> peakRssKb.merge(name, rssKb(pid), Math::max));
    }

    public Map<String, Result> stop() {
        sample();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        pids.forEach((name, pid) -> results.put(name, new Result(
                (cpuTicks(pid) - cpuTicksAtStart.getOrDefault(name, 0L)) / TICKS_PER_SECOND / seconds * 100.0,
                peakRssKb.getOrDefault(name, 0L) / 1024)));
        return results;
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

    private static long rssKb(long pid) {
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

    /** @param cpuPercent share of one core over the run (200 = both cores of this machine) */
    public record Result(double cpuPercent, long peakRssMb) {
    }
}

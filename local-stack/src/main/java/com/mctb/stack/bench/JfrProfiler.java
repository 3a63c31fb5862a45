package com.mctb.stack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Java Flight Recorder in running services, through {@code jcmd}: {@link #start} before a rate, {@link #stop} after
 * it (the recording is written to a file), then {@link TopFrames} reads its execution samples. Uses the {@code profile}
 * settings with {@code method-profiling=max} (running Java threads sampled every millisecond, so a 10 s rate gives
 * enough samples); the profiled services' CPU figures include JFR's cost.
 */
public final class JfrProfiler {

    private static final String NAME = "mctb-bench";

    private final Path jcmd;
    private final Map<String, Path> recordings = new LinkedHashMap<>();
    private final Map<String, Long> pids = new LinkedHashMap<>();

    public JfrProfiler() {
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        Path sibling = java.resolveSibling("jcmd");
        this.jcmd = Files.isExecutable(sibling) ? sibling : Path.of("jcmd");
    }

    /** Starts a recording in each named process; {@code files} is where recordings go (one per process). */
    public void start(Map<String, Long> processes, Path files) throws IOException {
        Files.createDirectories(files);
        for (Map.Entry<String, Long> p : processes.entrySet()) {
            Path file = files.resolve(p.getKey() + ".jfr").toAbsolutePath();
            Files.deleteIfExists(file);
            jcmd(p.getValue(), "JFR.start", "name=" + NAME, "settings=profile", "method-profiling=max",
                    "filename=" + file);
            recordings.put(p.getKey(), file);
            pids.put(p.getKey(), p.getValue());
        }
    }

    /** Stops every recording (each is written to its file); returns process name → recording. */
    public Map<String, Path> stop() throws IOException {
        Map<String, Path> written = new LinkedHashMap<>();
        for (Map.Entry<String, Path> r : recordings.entrySet()) {
            jcmd(pids.get(r.getKey()), "JFR.stop", "name=" + NAME);
            written.put(r.getKey(), r.getValue());
        }
        recordings.clear();
        pids.clear();
        return written;
    }

    private void jcmd(long pid, String... command) throws IOException {
        List<String> line = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || output.contains("Exception")
                    || output.contains("Could not")) {
                throw new IOException(String.join(" ", line) + " failed: " + output.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", line), e);
        }
    }
}

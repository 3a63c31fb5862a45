package com.mctb.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One process of the stack, started in its own session (so it outlives {@code ./mctb up}) with its output in a log
 * file and its pid in a file, so {@code ./mctb down} can stop it later.
 */
final class ManagedProcess {

    private final String name;
    private final Path log;
    private final Path pidFile;

    ManagedProcess(String name, StackConfig config) {
        this.name = name;
        this.log = config.logs().resolve(name + ".log");
        this.pidFile = config.runDir().resolve("pids").resolve(name + ".pid");
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    long start(List<String> command, Map<String, String> environment, Path workDir) {
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(pidFile.getParent());
            List<String> full = new ArrayList<>();
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                full.add("/usr/bin/setsid");
            }
            full.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(full)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(environment);
            Process process = builder.start();
            Files.writeString(pidFile, Long.toString(process.pid()));
            return process.pid();
        } catch (IOException e) {
            throw new StackException(name + " could not be started: " + e.getMessage() + " (log: " + log + ")", e);
        }
    }

    Optional<ProcessHandle> handle() {
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    boolean isAlive() {
        return handle().isPresent();
    }

    /** Asks the process to stop (SIGTERM), then kills it if it has not stopped within the grace period. */
    boolean stop(Duration grace) {
        Optional<ProcessHandle> handle = handle();
        handle.ifPresent(h -> {
            h.destroy();
            try {
                h.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        });
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // nothing to clean up then
        }
        return handle.isPresent();
    }

    /** The last lines of the log, for an error message. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}

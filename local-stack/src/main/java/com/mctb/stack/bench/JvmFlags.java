package com.mctb.stack.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How a JVM was started, from {@code /proc/<pid>/cmdline}: its {@code -X} and {@code -XX} options (and those in
 * {@code JAVA_TOOL_OPTIONS}, which the JVM reads too), and the Java version of the binary it runs (the
 * {@code release} file of that JDK). What is not there is the JVM's default (e.g. G1 and C2 with no options).
 *
 * @param command the program, as in its command line
 */
public record JvmFlags(String command, String javaVersion, List<String> options) {

    /** The options of a command line (arguments NUL-separated, as in /proc/pid/cmdline), up to the main class or jar. */
    public static JvmFlags parse(String cmdline, String javaVersion, String toolOptions) {
        List<String> args = Arrays.stream(cmdline.split("\0")).filter(a -> !a.isEmpty()).toList();
        List<String> options = new ArrayList<>();
        if (toolOptions != null && !toolOptions.isBlank()) {
            Arrays.stream(toolOptions.trim().split("\\s+")).filter(JvmFlags::isJvmOption).forEach(options::add);
        }
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-cp") || a.equals("-classpath") || a.equals("--class-path") || a.equals("-p")
                    || a.equals("--module-path") || a.equals("--add-opens") || a.equals("--add-exports")) {
                i++; // skip the option's value
            } else if (a.equals("-jar") || !a.startsWith("-")) {
                break; // the main class or jar: what follows are the program's own arguments
            } else if (isJvmOption(a)) {
                options.add(a);
            }
        }
        return new JvmFlags(args.isEmpty() ? "?" : args.get(0), javaVersion, List.copyOf(options));
    }

    private static boolean isJvmOption(String arg) {
        return arg.startsWith("-X");
    }

    /** The flags of a running process; empty if it is gone. */
    public static Optional<JvmFlags> of(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
            String toolOptions = null;
            try {
                for (String entry : new String(Files.readAllBytes(proc.resolve("environ")), StandardCharsets.UTF_8)
                        .split("\0")) {
                    if (entry.startsWith("JAVA_TOOL_OPTIONS=")) {
                        toolOptions = entry.substring("JAVA_TOOL_OPTIONS=".length());
                    }
                }
            } catch (IOException | SecurityException unreadable) {
                // not our process: its environment stays unknown
            }
            return Optional.of(parse(cmdline, javaVersion(proc.resolve("exe")), toolOptions));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    /** {@code JAVA_VERSION} from the {@code release} file of the JDK the binary belongs to (bin/java → ..). */
    static String javaVersion(Path binary) {
        try {
            Path home = binary.toRealPath().getParent().getParent();
            return releaseVersion(Files.readAllLines(home.resolve("release")));
        } catch (IOException | RuntimeException unknown) {
            return "?";
        }
    }

    static String releaseVersion(List<String> releaseFile) {
        return releaseFile.stream().filter(l -> l.startsWith("JAVA_VERSION="))
                .map(l -> l.substring("JAVA_VERSION=".length()).replace("\"", "")).findFirst().orElse("?");
    }

    /** E.g. {@code Java 17.0.15 -Xmx256m -XX:+UseSerialGC}, or {@code (JVM defaults)} when there is no option. */
    @Override
    public String toString() {
        return "Java " + javaVersion + " " + (options.isEmpty() ? "(JVM defaults)" : String.join(" ", options));
    }
}

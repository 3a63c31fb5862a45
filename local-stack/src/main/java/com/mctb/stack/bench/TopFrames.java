package com.mctb.stack.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JVM spent its CPU, from the {@code jdk.ExecutionSample} events of a JFR recording (a thread's stack,
 * sampled while it runs Java code): the methods most often on top of the stack (self), and the methods of our own
 * code most often anywhere in it (inclusive: the call paths that cost), without the proxies and lambdas generated
 * around them.
 */
public final class TopFrames {

    static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";

    /** A method and the samples it was in; {@code share} of all samples. */
    public record Frame(String method, long samples, double share) {
    }

    /** @param self the top frames; @param ours our code's methods (the prefix) anywhere in the stack */
    public record Profile(long samples, List<Frame> self, List<Frame> ours) {
    }

    private final Map<String, Long> self = new HashMap<>();
    private final Map<String, Long> inclusive = new HashMap<>();
    private final String ourPrefix;
    private long samples;

    /** @param ourPrefix the package prefix of our code, e.g. {@code com.mctb.} */
    public TopFrames(String ourPrefix) {
        this.ourPrefix = ourPrefix;
    }

    /** Counts one sample, its stack as method names, top (the running method) first. */
    public void add(List<String> stack) {
        if (stack.isEmpty()) {
            return;
        }
        samples++;
        self.merge(stack.get(0), 1L, Long::sum);
        Set<String> once = new LinkedHashSet<>(stack); // recursion counts a method once per sample
        for (String method : once) {
            if (method.startsWith(ourPrefix) && !generated(method)) {
                inclusive.merge(method, 1L, Long::sum);
            }
        }
    }

    /** Glue the frameworks generate around our methods (CDI proxies, lambdas, REST invokers): it says nothing new. */
    static boolean generated(String method) {
        String type = method.substring(0, Math.max(0, method.lastIndexOf('.')));
        return type.contains("$$Lambda") || type.contains("_ClientProxy") || type.contains("_Subclass")
                || type.contains("$quarkusrestinvoker$") || method.contains(".lambda$");
    }

    public Profile top(int n) {
        return new Profile(samples, top(self, n), top(inclusive, n));
    }

    private List<Frame> top(Map<String, Long> counts, int n) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(n).map(e -> new Frame(e.getKey(), e.getValue(), samples == 0 ? 0 : e.getValue() / (double) samples))
                .toList();
    }

    /** The top {@code n} of a recording's execution samples taken from {@code from} to {@code to} (null: all). */
    public static Profile of(Path recording, Instant from, Instant to, int n, String ourPrefix) throws IOException {
        TopFrames frames = new TopFrames(ourPrefix);
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals(EXECUTION_SAMPLE)) {
                    continue;
                }
                Instant at = event.getStartTime();
                if ((from != null && at.isBefore(from)) || (to != null && at.isAfter(to))) {
                    continue;
                }
                RecordedStackTrace trace = event.getStackTrace();
                if (trace == null) {
                    continue;
                }
                List<String> stack = new ArrayList<>(trace.getFrames().size());
                for (RecordedFrame frame : trace.getFrames()) {
                    if (frame.isJavaFrame()) {
                        stack.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
                    }
                }
                frames.add(stack);
            }
        }
        return frames.top(n);
    }
}

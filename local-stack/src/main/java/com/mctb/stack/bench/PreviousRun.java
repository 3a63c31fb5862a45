package com.mctb.stack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An earlier run's {@code bench.json}, read to draw it beside this run: its date, and per rate the speed-to-lead
 * and relay percentiles and the CPU per call it reported. Reads both the files this benchmark writes now and the
 * older ones (whose {@code cpuMsPerCall} was one figure over services, Kafka and the stand-in, with the drain).
 *
 * @param measuredAt the run's {@code measuredAt} (an instant), or "?"
 */
public record PreviousRun(Path file, String measuredAt, List<Row> rows) {

    /** One rate of the earlier run; NaN where the file has no figure. */
    public record Row(int rate, double p50, double p99, double relayP50, double relayP99, double productCpuMsPerCall,
            double oldCpuMsPerCall) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The earlier run in {@code file}, if it is there and readable as a bench.json. */
    public static Optional<PreviousRun> read(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(file, JSON.readTree(file.toFile())));
        } catch (IOException | RuntimeException notABenchFile) {
            return Optional.empty();
        }
    }

    static PreviousRun parse(Path file, JsonNode root) {
        List<Row> rows = new ArrayList<>();
        for (JsonNode r : root.path("rates")) {
            rows.add(new Row(r.path("rate").asInt(), number(r.at("/speedToLeadMs/p50")), number(r.at("/speedToLeadMs/p99")),
                    number(r.at("/relayMs/p50")), number(r.at("/relayMs/p99")),
                    number(r.at("/cpu/steady/productMsPerUnit")),
                    r.path("cpuMsPerCall").isNumber() ? r.path("cpuMsPerCall").asDouble() : Double.NaN));
        }
        if (!root.has("rates") || !root.path("rates").isArray()) {
            throw new IllegalArgumentException(file + " has no rates");
        }
        return new PreviousRun(file, root.path("measuredAt").asText("?"), rows);
    }

    private static double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }

    /** The day of {@link #measuredAt} (2026-12-01), as the plot's legend names it. */
    public String date() {
        return measuredAt.length() >= 10 ? measuredAt.substring(0, 10) : measuredAt;
    }

    /** Its curves as the plot takes them: series name → points (rate, ms). */
    public Map<String, List<double[]>> series() {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (Row r : rows) {
            add(series, "speed-to-lead p50", r.rate(), r.p50());
            add(series, "speed-to-lead p99", r.rate(), r.p99());
            add(series, "two-hop relay p50", r.rate(), r.relayP50());
            add(series, "two-hop relay p99", r.rate(), r.relayP99());
        }
        return series;
    }

    private static void add(Map<String, List<double[]>> series, String name, int rate, double ms) {
        if (!Double.isNaN(ms)) {
            series.computeIfAbsent(name, s -> new ArrayList<>()).add(new double[] {rate, ms});
        }
    }

    /** The earlier row at {@code rate}, if it ran that rate. */
    public Optional<Row> at(int rate) {
        return rows.stream().filter(r -> r.rate() == rate).findFirst();
    }
}

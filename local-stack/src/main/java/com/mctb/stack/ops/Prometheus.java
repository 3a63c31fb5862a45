package com.mctb.stack.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Prometheus server as a process (Debian's {@code prometheus} package, or {@code PROMETHEUS_BIN}) scraping the
 * local stack's services with the repository's alert rules, and its HTTP query API.
 */
public final class Prometheus implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final Process process;
    private final Path log;
    // HTTP/1.1, as the services speak it: the JDK's h2c upgrade gains nothing and broke on a large /q/metrics.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** A series: its labels and its samples (epoch seconds, value). */
    public record Series(Map<String, String> labels, double[] times, double[] values) {
    }

    private Prometheus(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts Prometheus with its data in {@code dir}, scraping each service (name → base URL) every
     * {@code interval}, and waits until it is ready.
     */
    public static Prometheus start(Path home, Path dir, Map<String, String> services, Duration interval, int port) {
        String binary = System.getenv().getOrDefault("PROMETHEUS_BIN", "prometheus");
        try {
            Files.createDirectories(dir.resolve("data"));
            Files.copy(home.resolve(Dashboard.ALERTS), dir.resolve("alerts.yml"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            StringBuilder config = new StringBuilder();
            config.append("# Written by ./mctb dashboard-shot: deploy/prometheus/prometheus.yml for the local stack.\n")
                    .append("global:\n  scrape_interval: ").append(interval.toMillis()).append("ms\n")
                    .append("  evaluation_interval: ").append(interval.toMillis()).append("ms\n")
                    .append("rule_files:\n  - alerts.yml\n")
                    .append("scrape_configs:\n  - job_name: mctb\n    metrics_path: /q/metrics\n    static_configs:\n");
            services.forEach((name, url) -> config.append("      - targets: [\"")
                    .append(URI.create(url).getAuthority()).append("\"]\n        labels: { service: ").append(name).append(" }\n"));
            Files.writeString(dir.resolve("prometheus.yml"), config);
            Path log = dir.resolve("prometheus.log");
            Process process = new ProcessBuilder(binary, "--config.file=" + dir.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                    "--storage.tsdb.retention.time=1d")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Prometheus prometheus = new Prometheus(port, process, log);
            prometheus.awaitReady(Duration.ofSeconds(30));
            return prometheus;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start Prometheus (" + binary + "): " + e.getMessage()
                    + "; on Debian: apt-get install prometheus, or set PROMETHEUS_BIN", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Prometheus exited; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url() + "/-/ready")).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            sleep(250);
        }
        throw new IllegalStateException("Prometheus was not ready within " + timeout.toSeconds() + " s; see " + log);
    }

    /** {@code /api/v1/query_range}. */
    public List<Series> queryRange(String expr, Instant start, Instant end, Duration step) {
        return series(get("/api/v1/query_range?query=" + enc(expr) + "&start=" + start.getEpochSecond() + "&end="
                + end.getEpochSecond() + "&step=" + step.toSeconds() + "s"));
    }

    /** {@code /api/v1/query} at one instant. */
    public List<Series> query(String expr, Instant at) {
        return series(get("/api/v1/query?query=" + enc(expr) + "&time=" + at.getEpochSecond()));
    }

    /** The names of the alerts that are pending or firing. */
    public List<String> activeAlerts() {
        List<String> names = new ArrayList<>();
        for (JsonNode a : get("/api/v1/alerts").path("data").path("alerts")) {
            names.add(a.path("labels").path("alertname").asText() + " (" + a.path("state").asText() + ")");
        }
        return names;
    }

    private JsonNode get(String pathAndQuery) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url() + pathAndQuery))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (!"success".equals(body.path("status").asText())) {
                throw new IllegalStateException("Prometheus: " + pathAndQuery + ": " + response.body());
            }
            return body;
        } catch (IOException e) {
            throw new IllegalStateException("Prometheus: " + pathAndQuery + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static List<Series> series(JsonNode body) {
        List<Series> all = new ArrayList<>();
        for (JsonNode r : body.path("data").path("result")) {
            Map<String, String> labels = new LinkedHashMap<>();
            r.path("metric").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            JsonNode points = r.has("values") ? r.get("values") : JSON.createArrayNode().add(r.get("value"));
            double[] times = new double[points.size()];
            double[] values = new double[points.size()];
            for (int i = 0; i < points.size(); i++) {
                times[i] = points.get(i).get(0).asDouble();
                values[i] = parse(points.get(i).get(1).asText());
            }
            all.add(new Series(labels, times, values));
        }
        return all;
    }

    private static double parse(String value) {
        return switch (value) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
        };
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

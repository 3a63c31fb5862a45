package com.mctb.stack.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/** The metric names services export at {@code /q/metrics} (Prometheus text format), as Prometheus would store them. */
public final class ExportedMetrics {

    // HTTP/1.1, as the services speak it: the JDK's h2c upgrade gains nothing and broke on a large /q/metrics.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private ExportedMetrics() {
    }

    /** The names of the samples in one scrape (a histogram's {@code _bucket}, {@code _count}, {@code _sum}, ...). */
    public static Set<String> names(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && !Character.isWhitespace(line.charAt(end))) {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }

    /** Scrapes each base URL's {@code /q/metrics}; the union of their names. */
    public static Set<String> scrape(Iterable<String> baseUrls) {
        Set<String> names = new TreeSet<>();
        for (String base : baseUrls) {
            names.addAll(names(exposition(base)));
        }
        return names;
    }

    /** One scrape of {@code base}'s {@code /q/metrics}, as text; IllegalStateException when it cannot be read. */
    public static String exposition(String base) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(base + "/q/metrics answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot scrape " + base + "/q/metrics: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

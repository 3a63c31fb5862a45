package com.mctb.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of the services, packaged ({@code <module>/target/quarkus-app/quarkus-run.jar}), run as its own process against
 * this test JVM's broker ({@link TestKafka}), database ({@link TestPostgres}) and token issuer ({@link TestTokens}),
 * on a free port: what a module that is not a service (the web console) tests against. Stopped when the test JVM
 * exits, if not before.
 */
public final class PackagedService {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String module;
    private final int port;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Path log;
    private Process process;

    private PackagedService(String module, int port) {
        this.module = module;
        this.port = port;
        this.log = Path.of("target", "services", module + ".log").toAbsolutePath();
    }

    /** A service of this repository (its module directory name, e.g. {@code settings-service}) on a free port. */
    public static PackagedService of(String module) {
        return new PackagedService(module, freePort());
    }

    /** Environment for the service on top of the broker, database and key (e.g. other services' URLs). */
    public PackagedService with(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    /** Starts the process; {@link #awaitReady} waits for it. */
    public PackagedService start() {
        Path root = Path.of("").toAbsolutePath().getParent();
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package " + module + " first (./mvnw -B package -pl "
                    + module + " -DskipTests, or build with -am)");
        }
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("PORT", Integer.toString(port));
            env.put("KAFKA_BOOTSTRAP_SERVERS", TestKafka.start());
            env.put("DB_URL", TestPostgres.start());
            env.put("DB_USER", TestPostgres.user());
            env.put("DB_PASSWORD", TestPostgres.password() == null ? "" : TestPostgres.password());
            env.put("MCTB_JWT_PUBLIC_KEY", TestTokens.publicKeyFile());
            env.put("QUARKUS_OTEL_SDK_DISABLED", "true");
            env.putAll(environment);
            process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
            return this;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + module + ": " + e.getMessage(), e);
        }
    }

    /** Waits until {@code /q/health/ready} answers 200; fails with the log's tail when the process dies or is late. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited while starting; see " + log + "\n" + tail());
            }
            try {
                HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + ready.statusCode();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            sleep(250);
        }
        throw new IllegalStateException(module + " was not ready within " + timeout.toSeconds() + " s (" + last
                + "); see " + log + "\n" + tail());
    }

    /** Starts every service and waits until all are ready (they boot side by side). */
    public static void startAll(List<PackagedService> services, Duration timeout) {
        services.forEach(PackagedService::start);
        services.forEach(s -> s.awaitReady(timeout));
    }

    public void stop() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroy();
            try {
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

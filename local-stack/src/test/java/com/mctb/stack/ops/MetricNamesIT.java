package com.mctb.stack.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.stack.MissedCallScenario;
import com.mctb.stack.Stack;
import com.mctb.stack.StackConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No dashboard panel and no alert that can never show data: every metric name the Grafana dashboard and the
 * Prometheus alert rules query is exported at {@code /q/metrics} by a running service, after one of everything
 * (a missed call texted and delivered, a reply, a STOP, a forged webhook). Starts the packaged services like
 * {@code ./mctb} does, on free ports.
 */
class MetricNamesIT {

    private static final Path HOME = Path.of("").toAbsolutePath().getParent();
    private static Stack stack;

    @BeforeAll
    static void startTheStackAndPlayOneOfEverything() throws IOException {
        int gateway = freePort();
        int messaging = freePort();
        StackConfig config = new StackConfig(HOME, Path.of("target/ops-run").toAbsolutePath(),
                gateway, freePort(), freePort(), messaging, freePort(), freePort(), freePort(),
                "127.0.0.1", 5432, "postgres", "", "mctb_ops_it_" + String.format("%08x", HOME.toAbsolutePath().normalize().toString().hashCode()),
                StackConfig.DEV_ACCOUNT_SID, "ops-auth-token", "http://localhost:" + gateway, "http://localhost:" + messaging);
        stack = new Stack(config, System.out);
        stack.down();
        stack.resetRunDirectory();
        stack.resetDatabase();
        stack.up();
        MissedCallScenario scenario = new MissedCallScenario(config, stack.token(MissedCallScenario.ACCOUNT));
        scenario.setUpGlowAesthetics();
        scenario.awaitSettingsPropagated(Duration.ofSeconds(60));
        long firstCaller = 15553000000L;
        new OpsTraffic(config, scenario.holder(), firstCaller).oneOfEach();
        assertThat(scenario.awaitTexts("+" + firstCaller, 1, Duration.ofSeconds(60))).hasSize(1);
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.down();
        }
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsQueryIsExported() {
        Set<String> queried = Dashboard.metricNamesQueried(HOME);
        assertThat(queried).as("the dashboard and the alerts query metrics").hasSizeGreaterThan(20);
        StackConfig c = stack.config();
        List<String> services = List.of(c.url(c.gatewayPort()), c.url(c.settingsPort()), c.url(c.workflowPort()),
                c.url(c.messagingPort()));

        Set<String> missing = new TreeSet<>(queried);
        // The delivered status callback and the reply's counters land a moment after the text; the Kafka client's
        // per-partition lag is bound to the registry on Micrometer's next look at the client's metrics (every 60 s).
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            missing.removeAll(ExportedMetrics.scrape(services));
            if (missing.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            sleep(1_000);
        }
        System.out.printf("checked %d metric names queried by %s and %s%n", queried.size(), Dashboard.DASHBOARD,
                Dashboard.ALERTS);
        assertThat(missing).as("queried by the dashboard or an alert, but exported by no service").isEmpty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
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

package com.mctb.stack.ops;

import com.mctb.stack.MissedCallScenario;
import com.mctb.stack.Stack;
import com.mctb.stack.StackConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./mctb dashboard-shot}: the Grafana dashboard with live data, without Grafana or Docker. Starts a fresh
 * stack and a Prometheus process scraping its four services every 2 s (data in {@code .mctb/prometheus}), plays
 * missed calls with replies, STOPs, forged webhooks and Twilio refusing some sends ({@link OpsTraffic}), then asks
 * Prometheus each panel's PromQL from the dashboard JSON ({@code query_range}, or an instant query for stat and
 * bar-gauge panels, with Grafana's {@code $__rate_interval} and {@code $__range} filled in) and draws the panels
 * ({@link DashboardImage}) to {@code docs/dashboard.png}.
 */
public final class DashboardShot {

    private static final Duration SCRAPE = Duration.ofSeconds(2);
    private static final String RATE_INTERVAL = "20s";
    private static final int SEND_RATE = 30;
    private static final Pattern LEGEND = Pattern.compile("\\{\\{\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*}}");

    private DashboardShot() {
    }

    public static int run(Path home, int perSecond, int seconds, Path png) {
        Stack stack = new Stack(StackConfig.fromEnvironment(home, home.resolve(".mctb/dashboard"), "mctb_dashboard").withoutConsole(),
                System.out);
        StackConfig config = stack.config();
        // All the texts go out from Glow's one long code, which Twilio lets send 1 a second (the services' default);
        // at 20 missed calls a second that queue would be the whole picture. 30 a second is a short code's order.
        stack.withServiceEnvironment(Map.of("MESSAGING_RATE_LONG_CODE", Integer.toString(SEND_RATE)));
        stack.resetRunDirectory();
        stack.resetDatabase();
        stack.up();
        Path prometheusDir = home.resolve(".mctb/prometheus");
        deleteTree(prometheusDir);
        Map<String, String> services = new LinkedHashMap<>();
        services.put("call-gateway", config.url(config.gatewayPort()));
        services.put("settings-service", config.url(config.settingsPort()));
        services.put("workflow-service", config.url(config.workflowPort()));
        services.put("messaging-service", config.url(config.messagingPort()));
        int prometheusPort = Integer.parseInt(System.getenv().getOrDefault("PROMETHEUS_PORT", "9090"));
        try (Prometheus prometheus = Prometheus.start(home, prometheusDir, services, SCRAPE, prometheusPort)) {
            System.out.println("mctb: Prometheus on " + prometheus.url() + " scrapes the services every "
                    + SCRAPE.toSeconds() + " s");
            Instant from = Instant.now();
            MissedCallScenario scenario = new MissedCallScenario(config, stack.token(MissedCallScenario.ACCOUNT));
            scenario.setUpGlowAesthetics();
            scenario.awaitSettingsPropagated(Duration.ofSeconds(60));
            OpsTraffic traffic = new OpsTraffic(config, scenario.holder(), 15554000000L);
            int third = Math.max(10, seconds / 3);
            System.out.printf("mctb: playing %d missed calls a second for %d s (replies, STOPs, repeat callers)%n",
                    perSecond, seconds);
            traffic.play(perSecond, Duration.ofSeconds(third), 0.15);
            System.out.println("mctb: Twilio now refuses 10% of sends (500) and a burst of 429s");
            traffic.twilioRefusesRandomly(500, 0.1);
            traffic.play(perSecond, Duration.ofSeconds(third / 2), 0.15);
            traffic.twilioRefuses(429, perSecond * 2);
            traffic.play(perSecond, Duration.ofSeconds(third - third / 2), 0.15);
            traffic.twilioRefusesRandomly(500, 0);
            traffic.play(perSecond, Duration.ofSeconds(seconds - 2L * third), 0.15);
            sleep(Duration.ofSeconds(8));
            Instant to = Instant.now();
            System.out.printf("mctb: %d webhooks sent (%d not answered 200); alerts now: %s%n", traffic.webhooksSent(),
                    traffic.webhooksFailed(), prometheus.activeAlerts());

            List<DashboardImage.PanelData> panels = new ArrayList<>();
            long range = Duration.between(from, to).toSeconds();
            for (Dashboard.Panel panel : Dashboard.panels(home.resolve(Dashboard.DASHBOARD))) {
                List<DashboardImage.Line> lines = new ArrayList<>();
                for (Dashboard.Query q : panel.queries()) {
                    String expr = q.expr().replace("$__rate_interval", RATE_INTERVAL).replace("$__range", range + "s");
                    boolean instant = q.instant() || panel.type().equals("stat") || panel.type().equals("bargauge");
                    List<Prometheus.Series> result;
                    try {
                        result = instant ? prometheus.query(expr, to) : prometheus.queryRange(expr, from, to, SCRAPE);
                    } catch (IllegalStateException e) {
                        // Shown as "No data", as Grafana would show the panel; said here so it gets fixed.
                        System.out.println("mctb: panel \"" + panel.title() + "\": " + e.getMessage());
                        result = List.of();
                    }
                    for (Prometheus.Series s : result) {
                        lines.add(new DashboardImage.Line(legend(q.legend(), s.labels()), s.times(), s.values()));
                    }
                }
                panels.add(new DashboardImage.PanelData(panel, lines));
            }
            DashboardImage.write("Missed Call Text Back", "Rendered by ./mctb dashboard-shot on "
                    + LocalDate.now(ZoneOffset.UTC) + " from the dashboard's own PromQL (deploy/grafana/dashboards), "
                    + "answered by Prometheus scraping the local stack: " + perSecond + " missed calls/s, sending number at "
                    + SEND_RATE + " texts/s, replies, STOPs, Twilio refusing some sends", panels, from.getEpochSecond(), to.getEpochSecond(), png);
            System.out.println("mctb: wrote " + png);
            return 0;
        } finally {
            stack.down();
        }
    }

    /** Grafana's legend template: {@code {{label}}} replaced by the series' label value. */
    static String legend(String template, Map<String, String> labels) {
        if (template == null || template.isBlank()) {
            return labels.toString();
        }
        Matcher m = LEGEND.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(labels.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static void deleteTree(Path dir) {
        if (!java.nio.file.Files.exists(dir)) {
            return;
        }
        try (var paths = java.nio.file.Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot clear " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package com.mctb.stack.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the repository tells Prometheus and Grafana to query: the panels of the Grafana dashboard
 * ({@code deploy/grafana/dashboards/missed-call-text-back.json}) and the alert rules
 * ({@code deploy/prometheus/alerts.yml}), with every metric name their PromQL reads.
 */
public final class Dashboard {

    public static final String DASHBOARD = "deploy/grafana/dashboards/missed-call-text-back.json";
    public static final String ALERTS = "deploy/prometheus/alerts.yml";

    /** One query of a panel, with Grafana's legend template ({@code {{label}}}). */
    public record Query(String expr, String legend, boolean instant) {
    }

    /**
     * A panel where Grafana puts it: {@code x, y, w, h} in grid units (24 columns). A row has no queries. Thresholds
     * (a stat's colour) from the lowest: the colour from {@code value} up; the first one's value is -infinity.
     */
    public record Panel(String title, String type, String unit, int x, int y, int w, int h, List<Query> queries,
            List<Threshold> thresholds) {
    }

    public record Threshold(double value, String color) {
    }

    public record AlertRule(String name, String expr, String forDuration) {
    }

    private Dashboard() {
    }

    public static List<Panel> panels(Path dashboardJson) {
        try {
            List<Panel> panels = new ArrayList<>();
            for (JsonNode p : new ObjectMapper().readTree(dashboardJson.toFile()).path("panels")) {
                List<Query> queries = new ArrayList<>();
                for (JsonNode t : p.path("targets")) {
                    if (t.hasNonNull("expr")) {
                        queries.add(new Query(t.get("expr").asText(), t.path("legendFormat").asText(""),
                                t.path("instant").asBoolean(false)));
                    }
                }
                List<Threshold> thresholds = new ArrayList<>();
                for (JsonNode step : p.path("fieldConfig").path("defaults").path("thresholds").path("steps")) {
                    thresholds.add(new Threshold(step.path("value").isNumber() ? step.get("value").asDouble()
                            : Double.NEGATIVE_INFINITY, step.path("color").asText("green")));
                }
                JsonNode grid = p.path("gridPos");
                panels.add(new Panel(p.path("title").asText(), p.path("type").asText(),
                        p.path("fieldConfig").path("defaults").path("unit").asText(""), grid.path("x").asInt(),
                        grid.path("y").asInt(), grid.path("w").asInt(), grid.path("h").asInt(), queries, thresholds));
            }
            return panels;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the dashboard " + dashboardJson + ": " + e.getMessage(), e);
        }
    }

    public static List<AlertRule> alertRules(Path alertsYaml) {
        try {
            List<AlertRule> rules = new ArrayList<>();
            for (JsonNode group : new YAMLMapper().readTree(alertsYaml.toFile()).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    rules.add(new AlertRule(rule.path("alert").asText(rule.path("record").asText()),
                            rule.path("expr").asText(), rule.path("for").asText("")));
                }
            }
            return rules;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the alert rules " + alertsYaml + ": " + e.getMessage(), e);
        }
    }

    /** Every metric name the dashboard's panels and the alert rules query. */
    public static Set<String> metricNamesQueried(Path home) {
        Set<String> names = new TreeSet<>();
        panels(home.resolve(DASHBOARD)).forEach(p -> p.queries().forEach(q -> names.addAll(PromQl.metricNames(q.expr()))));
        alertRules(home.resolve(ALERTS)).forEach(r -> names.addAll(PromQl.metricNames(r.expr())));
        return names;
    }
}

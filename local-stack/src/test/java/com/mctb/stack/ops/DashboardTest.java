package com.mctb.stack.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The provisioned dashboard and the alert rules read as the operators' view needs them. */
class DashboardTest {

    private static final Path HOME = Path.of("").toAbsolutePath().getParent();

    @Test
    void everyPanelQueriesAMetricAndTheIssuesViewsAreThere() {
        List<Dashboard.Panel> panels = Dashboard.panels(HOME.resolve(Dashboard.DASHBOARD)).stream()
                .filter(p -> !p.type().equals("row")).toList();

        assertThat(panels).allSatisfy(p -> assertThat(p.queries()).as(p.title()).isNotEmpty()
                .allSatisfy(q -> assertThat(PromQl.metricNames(q.expr())).as(q.expr()).isNotEmpty()));
        assertThat(panels).extracting(Dashboard.Panel::title).anyMatch(t -> t.startsWith("Speed-to-lead p50 / p95 / p99"))
                .anyMatch(t -> t.startsWith("Funnel")).anyMatch(t -> t.startsWith("Twilio errors by code"))
                .anyMatch(t -> t.startsWith("Consumer lag")).anyMatch(t -> t.startsWith("Dead-lettered"))
                .anyMatch(t -> t.startsWith("Webhook latency"));
        assertThat(Dashboard.metricNamesQueried(HOME)).contains("mctb_speed_to_lead_seconds_bucket",
                "mctb_calls_missed_total", "mctb_texts_total", "mctb_twilio_errors_total", "mctb_dead_letters_total",
                "kafka_consumer_fetch_manager_records_lag", "mctb_workflow_timers_overdue");
    }

    @Test
    void theAlertRulesCoverTheIssuesAlertsAndWebhooksFromAnAccountThatDoesNotHoldTheNumber() {
        assertThat(Dashboard.alertRules(HOME.resolve(Dashboard.ALERTS))).extracting(Dashboard.AlertRule::name)
                .containsExactlyInAnyOrder("SpeedToLeadSlow", "DeadLettersGrowing", "DeadLetterWritesFailing", "ConsumerLagGrowing",
                        "TwilioErrorRateHigh", "WebhookSignatureRejectionsSpike", "WebhookAccountRejections");
        assertThat(Dashboard.alertRules(HOME.resolve(Dashboard.ALERTS)))
                .allSatisfy(r -> assertThat(PromQl.metricNames(r.expr())).as(r.name()).isNotEmpty());
    }

    @Test
    void theDatasourceIsTheProvisionedOneSoTheDashboardLoadsWithoutAnImportPrompt() throws Exception {
        String json = java.nio.file.Files.readString(HOME.resolve(Dashboard.DASHBOARD));
        String datasource = java.nio.file.Files.readString(HOME.resolve("deploy/grafana/provisioning/datasources/prometheus.yml"));

        assertThat(json).doesNotContain("${DS_").contains("\"uid\": \"prometheus\"");
        assertThat(datasource).contains("uid: prometheus");
    }
}

package com.mctb.stack.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void findsTheMetricsButNotFunctionsLabelsDurationsOrVariables() {
        assertThat(PromQl.metricNames(
                "histogram_quantile(0.99, sum by (le, uri) (rate(http_server_requests_seconds_bucket{uri=~\"/twilio/.*\"}[$__rate_interval])))"))
                .containsExactly("http_server_requests_seconds_bucket");
        assertThat(PromQl.metricNames("sum(rate(mctb_twilio_errors_total[5m])) / clamp_min(sum(rate(mctb_twilio_request_seconds_count[5m])), 0.001) > 0.05"))
                .containsExactly("mctb_twilio_errors_total", "mctb_twilio_request_seconds_count");
        assertThat(PromQl.metricNames("sum(mctb_workflow_waits_pending)")).containsExactly("mctb_workflow_waits_pending");
    }

    @Test
    void readsAroundStringsOperatorsAndLabelLists() {
        assertThat(PromQl.metricNames("max by (service, topic) (label_replace(kafka_consumer_fetch_manager_records_lag_max, "
                + "\"topic\", \"$1.$2\", \"client_id\", \"kafka-consumer-([a-z]+)-([a-z]+).*\"))"))
                .containsExactly("kafka_consumer_fetch_manager_records_lag_max");
        assertThat(PromQl.metricNames("a_total > 100 and on (job) deriv(b[5m]) > 0 unless c offset 1h"))
                .containsExactly("a_total", "b", "c");
        assertThat(PromQl.metricNames("sum(increase(mctb_texts_total{status=\"accepted\"}[$__range])) * 60"))
                .containsExactly("mctb_texts_total");
        assertThat(PromQl.metricNames("1e3 * 2")).isEmpty();
    }
}

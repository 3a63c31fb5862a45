package com.mctb.workflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class WorkflowMetricsTest {

    @Test
    void runsBlockedByReEntryAndTheWaitGaugesAreExportedBeforeTheFirstCall() {
        WorkflowMetrics metrics = new WorkflowMetrics();
        metrics.registry = new SimpleMeterRegistry();

        metrics.gauges();

        assertThat(metrics.registry.find("mctb.workflow.runs.blocked").tag("reason", "re_entry").counter().count()).isZero();
        assertThat(metrics.registry.find("mctb.workflow.waits.pending").gauge()).isNotNull();
        assertThat(metrics.registry.find("mctb.workflow.timers.overdue").gauge().value()).isZero();

        metrics.runBlockedByReEntry();
        metrics.waits(3, 1);

        assertThat(metrics.registry.find("mctb.workflow.runs.blocked").counter().count()).isEqualTo(1);
        assertThat(metrics.registry.find("mctb.workflow.timers.overdue").gauge().value()).isEqualTo(1);
    }
}

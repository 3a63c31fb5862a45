package com.mctb.workflow.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunIdsTest {

    @Test
    void idsAreDerivedFromTheirCauseSoAReplayReproducesThem() {
        UUID run = RunIds.run("workflow-1", "CA1");

        assertThat(RunIds.run("workflow-1", "CA1")).isEqualTo(run);
        assertThat(RunIds.run("workflow-1", "CA2")).isNotEqualTo(run);
        assertThat(RunIds.run("other-workflow", "CA1")).isNotEqualTo(run);
        assertThat(RunIds.command(run, "text-in-hours")).isEqualTo("run-" + run + "/text-in-hours");
    }
}

package com.mctb.workflow.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class DefaultTextBackTest {

    @Test
    void greetsTheCallerByFirstNameWithTheBusinessName() {
        assertThat(DefaultTextBack.message("Dana", "Glow Aesthetics"))
                .isEqualTo("Hi Dana, sorry we missed your call at Glow Aesthetics. How can we help?");
    }

    @Test
    void anUnknownCallerIsThere() {
        assertThat(DefaultTextBack.message(null, "Glow Aesthetics")).startsWith("Hi there, ");
        assertThat(DefaultTextBack.message("  ", "Glow Aesthetics")).startsWith("Hi there, ");
    }

    @Test
    void idsAreDerivedFromTheirCauseSoAReplayReproducesThem() {
        UUID run = RunIds.run("default-text-back", "CA1");

        assertThat(RunIds.run("default-text-back", "CA1")).isEqualTo(run);
        assertThat(RunIds.run("default-text-back", "CA2")).isNotEqualTo(run);
        assertThat(RunIds.run("other-workflow", "CA1")).isNotEqualTo(run);
        assertThat(RunIds.command(run, "send-1")).isEqualTo("run-" + run + "/send-1");
    }
}

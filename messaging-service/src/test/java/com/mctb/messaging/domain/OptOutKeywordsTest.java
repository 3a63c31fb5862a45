package com.mctb.messaging.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OptOutKeywordsTest {

    @ParameterizedTest
    @ValueSource(strings = {"STOP", "stop", "Stop", "  STOP  ", "\tstopall\n", "UNSUBSCRIBE", "cancel", "End", "quit"})
    void optOutKeywordsInAnyCaseWithSpacesAround(String body) {
        assertThat(OptOutKeywords.of(body)).isEqualTo(OptOutKeywords.Meaning.OPT_OUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"START", "start", " Unstop ", "yes", "YES"})
    void optInKeywords(String body) {
        assertThat(OptOutKeywords.of(body)).isEqualTo(OptOutKeywords.Meaning.OPT_IN);
    }

    @Test
    void helpAndOrdinaryTexts() {
        assertThat(OptOutKeywords.of(" help ")).isEqualTo(OptOutKeywords.Meaning.HELP);
        assertThat(OptOutKeywords.of("please stop texting me")).isEqualTo(OptOutKeywords.Meaning.NONE);
        assertThat(OptOutKeywords.of("STOP!")).isEqualTo(OptOutKeywords.Meaning.NONE);
        assertThat(OptOutKeywords.of("stopp")).isEqualTo(OptOutKeywords.Meaning.NONE);
        assertThat(OptOutKeywords.of("")).isEqualTo(OptOutKeywords.Meaning.NONE);
        assertThat(OptOutKeywords.of(null)).isEqualTo(OptOutKeywords.Meaning.NONE);
        assertThat(OptOutKeywords.keyword("  Quit ")).isEqualTo("QUIT");
    }
}

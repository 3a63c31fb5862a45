package com.mctb.settings.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallTimeoutTest {

    @Test
    void acceptsFiveToSixtySeconds() {
        assertThat(CallTimeout.isAccepted(4)).isFalse();
        assertThat(CallTimeout.isAccepted(5)).isTrue();
        assertThat(CallTimeout.isAccepted(60)).isTrue();
        assertThat(CallTimeout.isAccepted(61)).isFalse();
    }

    @Test
    void warnsOutsideTheRecommendedTenToTwenty() {
        assertThat(CallTimeout.warning(10)).isEmpty();
        assertThat(CallTimeout.warning(20)).isEmpty();
        assertThat(CallTimeout.warning(21)).get().asString().contains("voicemail");
        assertThat(CallTimeout.warning(9)).isPresent();
    }
}

package com.mctb.messaging.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MonthlyLimitTest {

    @Test
    void textsOnTheirWayCountAgainstTheLimit() {
        assertThat(MonthlyLimit.allowsAnother(3, 1, 1)).isTrue();
        assertThat(MonthlyLimit.allowsAnother(3, 2, 1)).isFalse();
        assertThat(MonthlyLimit.allowsAnother(3, 3, 0)).isFalse();
        assertThat(MonthlyLimit.allowsAnother(0, 0, 0)).isFalse();
        assertThat(MonthlyLimit.allowsAnother(null, 1_000_000, 50)).isTrue();
    }

    @Test
    void reachedOnceAcceptedTextsFillIt() {
        assertThat(MonthlyLimit.reached(3, 2)).isFalse();
        assertThat(MonthlyLimit.reached(3, 3)).isTrue();
        assertThat(MonthlyLimit.reached(null, 3)).isFalse();
    }
}

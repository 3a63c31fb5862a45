package com.mctb.messaging.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendingRateTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstQueuesAtTheNumbersRate() {
        SendingRate rate = new SendingRate();
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waits.add(rate.reserve("+18005550100", 4, 1, 0));
        }
        assertThat(waits).containsExactly(0L, SECOND / 4, 2 * SECOND / 4, 3 * SECOND / 4, 4 * SECOND / 4);
    }

    @Test
    void numbersDoNotWaitForEachOther() {
        SendingRate rate = new SendingRate();
        assertThat(rate.reserve("+15550000001", 1, 1, 0)).isZero();
        assertThat(rate.reserve("+15550000002", 1, 1, 0)).isZero();
        assertThat(rate.reserve("+15550000001", 1, 1, 0)).isEqualTo(SECOND);
    }

    @Test
    void anIdleNumberSendsAtOnceAgain() {
        SendingRate rate = new SendingRate();
        rate.reserve("+15550000001", 2, 1, 0);
        rate.reserve("+15550000001", 2, 1, 0);
        assertThat(rate.reserve("+15550000001", 2, 1, 5 * SECOND)).isZero();
    }

    @Test
    void aBurstAllowanceLetsThatManyGoAtOnceThenTheRateApplies() {
        SendingRate rate = new SendingRate();
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waits.add(rate.reserve("+15550000001", 10, 3, 0));
        }
        assertThat(waits).containsExactly(0L, 0L, 0L, SECOND / 10, 2 * SECOND / 10);
    }

    @Test
    void anUnlimitedRateNeverWaits() {
        SendingRate rate = new SendingRate();
        assertThat(rate.reserve("+15550000001", 0, 1, 0)).isZero();
        assertThat(rate.reserve("+15550000001", 0, 1, 0)).isZero();
    }
}

package com.mctb.settings.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.contracts.hours.OpenInterval;
import java.util.List;
import org.junit.jupiter.api.Test;

class DayIntervalsTest {

    @Test
    void aSplitShiftAndTouchingIntervalsAreFine() {
        assertThat(DayIntervals.problem(List.of(OpenInterval.of("13:00", "17:00"), OpenInterval.of("09:00", "12:00"))))
                .isEmpty();
        assertThat(DayIntervals.problem(List.of(OpenInterval.of("09:00", "12:00"), OpenInterval.of("12:00", "17:00"))))
                .isEmpty();
    }

    @Test
    void anOvernightIntervalMayCloseTheDay() {
        assertThat(DayIntervals.problem(List.of(OpenInterval.of("09:00", "17:00"), OpenInterval.of("22:00", "02:00"))))
                .isEmpty();
    }

    @Test
    void overlappingIntervalsAreNamed() {
        assertThat(DayIntervals.problem(List.of(OpenInterval.of("09:00", "17:00"), OpenInterval.of("13:00", "21:00"))))
                .contains("09:00-17:00 overlaps 13:00-21:00");
    }

    @Test
    void nothingMayOpenAfterAnOvernightIntervalOrBesideTheWholeDay() {
        assertThat(DayIntervals.problem(List.of(OpenInterval.of("20:00", "02:00"), OpenInterval.of("22:00", "23:00"))))
                .isPresent();
        assertThat(DayIntervals.problem(List.of(OpenInterval.of("00:00", "00:00"), OpenInterval.of("09:00", "10:00"))))
                .isPresent();
    }
}

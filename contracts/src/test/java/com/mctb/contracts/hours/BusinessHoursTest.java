package com.mctb.contracts.hours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BusinessHoursTest {

    private static final String NEW_YORK = "America/New_York";
    private static final String LONDON = "Europe/London";

    /** Mon–Fri 09:00–17:00, Saturday split shift 09:00–12:00 and 13:00–16:00, Sunday closed. */
    private static BusinessHours salon(String zone) {
        Map<DayOfWeek, List<OpenInterval>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            weekly.put(d, List.of(OpenInterval.of("09:00", "17:00")));
        }
        weekly.put(DayOfWeek.SATURDAY, List.of(OpenInterval.of("09:00", "12:00"), OpenInterval.of("13:00", "16:00")));
        return new BusinessHours(zone, weekly, List.of());
    }

    @Test
    void openWithinAnIntervalAndClosedOutsideWithTheNextChange() {
        BusinessHours hours = salon(NEW_YORK);

        // Monday 2026-11-30 10:00 EST = 15:00Z
        assertThat(hours.status(Instant.parse("2026-11-30T15:00:00Z")))
                .isEqualTo(new BusinessHours.Status(true, java.util.Optional.of(Instant.parse("2026-11-30T22:00:00Z"))));
        // Monday 18:00 EST: closed until Tuesday 09:00 EST = 14:00Z
        assertThat(hours.status(Instant.parse("2026-11-30T23:00:00Z")))
                .isEqualTo(new BusinessHours.Status(false, java.util.Optional.of(Instant.parse("2026-12-01T14:00:00Z"))));
    }

    @Test
    void aSplitShiftIsClosedAtLunch() {
        BusinessHours hours = salon(NEW_YORK);

        // Saturday 2026-12-05 12:30 EST = 17:30Z
        BusinessHours.Status lunch = hours.status(Instant.parse("2026-12-05T17:30:00Z"));
        assertThat(lunch.open()).isFalse();
        assertThat(lunch.nextChange()).contains(Instant.parse("2026-12-05T18:00:00Z"));
    }

    @Test
    void aClosedDayWaitsForTheNextOpenDay() {
        // Sunday 2026-12-06 11:00 EST: closed until Monday 09:00 EST
        assertThat(salon(NEW_YORK).status(Instant.parse("2026-12-06T16:00:00Z")))
                .isEqualTo(new BusinessHours.Status(false, java.util.Optional.of(Instant.parse("2026-12-07T14:00:00Z"))));
    }

    @Test
    void anOvernightIntervalRunsIntoTheNextDay() {
        BusinessHours bar = new BusinessHours(NEW_YORK, Map.of(DayOfWeek.FRIDAY, List.of(OpenInterval.of("22:00", "02:00"))),
                List.of());

        // Saturday 2026-12-05 01:00 EST = 06:00Z: still Friday night's opening
        assertThat(bar.status(Instant.parse("2026-12-05T06:00:00Z")))
                .isEqualTo(new BusinessHours.Status(true, java.util.Optional.of(Instant.parse("2026-12-05T07:00:00Z"))));
        // Friday 21:00 EST: opens at 22:00
        assertThat(bar.status(Instant.parse("2026-12-05T02:00:00Z")).nextChange())
                .contains(Instant.parse("2026-12-05T03:00:00Z"));
    }

    @Test
    void aHolidayClosesTheDayButNotThePreviousNightsOverflow() {
        BusinessHours hours = new BusinessHours(NEW_YORK, Map.of(
                DayOfWeek.THURSDAY, List.of(OpenInterval.of("20:00", "01:00")),
                DayOfWeek.FRIDAY, List.of(OpenInterval.of("09:00", "17:00"))),
                List.of(DatedHours.closed(LocalDate.parse("2026-12-25"), "Christmas")));

        // Friday 2026-12-25 00:30 EST: Thursday's overnight interval still runs
        assertThat(hours.isOpen(Instant.parse("2026-12-25T05:30:00Z"))).isTrue();
        // Friday 10:00 EST: closed for Christmas; next opening Thursday 2026-12-31 20:00 EST
        assertThat(hours.status(Instant.parse("2026-12-25T15:00:00Z")))
                .isEqualTo(new BusinessHours.Status(false, java.util.Optional.of(Instant.parse("2027-01-01T01:00:00Z"))));
    }

    @Test
    void anExceptionCanAlsoOpenAnUsuallyClosedDay() {
        BusinessHours hours = new BusinessHours(NEW_YORK, Map.of(),
                List.of(new DatedHours(LocalDate.parse("2026-12-20"), List.of(OpenInterval.of("10:00", "14:00")), "Holiday market")));

        assertThat(hours.isOpen(Instant.parse("2026-12-20T16:00:00Z"))).isTrue();
        assertThat(hours.isOpen(Instant.parse("2026-12-21T16:00:00Z"))).isFalse();
    }

    @Nested
    class AcrossDaylightSavingChanges {

        @Test
        void springForwardInNewYorkMovesTheNextOpeningByTheNewOffset() {
            BusinessHours hours = salon(NEW_YORK);
            // Saturday 2026-03-07 18:00 EST; clocks go forward Sunday 2026-03-08 02:00.
            // Monday 09:00 is now EDT (UTC-4) = 13:00Z, not 14:00Z.
            assertThat(hours.status(Instant.parse("2026-03-07T23:00:00Z")).nextChange())
                    .contains(Instant.parse("2026-03-09T13:00:00Z"));
        }

        @Test
        void anIntervalAcrossTheSkippedHourIsAnHourShorterInRealTime() {
            BusinessHours hours = new BusinessHours(NEW_YORK,
                    Map.of(DayOfWeek.SUNDAY, List.of(OpenInterval.of("01:00", "04:00"))), List.of());

            // 01:30 EST = 06:30Z: open, closing at 04:00 EDT = 08:00Z
            assertThat(hours.status(Instant.parse("2026-03-08T06:30:00Z")).nextChange())
                    .contains(Instant.parse("2026-03-08T08:00:00Z"));
            // 03:30 EDT = 07:30Z: still open
            assertThat(hours.isOpen(Instant.parse("2026-03-08T07:30:00Z"))).isTrue();
        }

        @Test
        void anOpeningInsideTheSkippedHourOpensRightAfterTheGap() {
            BusinessHours hours = new BusinessHours(NEW_YORK,
                    Map.of(DayOfWeek.SUNDAY, List.of(OpenInterval.of("02:30", "05:00"))), List.of());

            // 02:30 does not exist on 2026-03-08; the wall clock jumps 02:00 EST -> 03:00 EDT (07:00Z)
            assertThat(hours.status(Instant.parse("2026-03-08T06:00:00Z")).nextChange())
                    .contains(Instant.parse("2026-03-08T07:30:00Z"));
        }

        @Test
        void fallBackInNewYorkKeepsAnIntervalOpenThroughBothOneOClocks() {
            BusinessHours hours = new BusinessHours(NEW_YORK,
                    Map.of(DayOfWeek.SUNDAY, List.of(OpenInterval.of("00:00", "01:30"))), List.of());

            // 2026-11-01: 01:00-02:00 happens twice, at 05:00Z (EDT) and 06:00Z (EST).
            assertThat(hours.isOpen(Instant.parse("2026-11-01T05:15:00Z"))).isTrue();
            assertThat(hours.isOpen(Instant.parse("2026-11-01T06:15:00Z"))).isTrue();
            assertThat(hours.status(Instant.parse("2026-11-01T06:15:00Z")).nextChange())
                    .contains(Instant.parse("2026-11-01T06:30:00Z"));
            assertThat(hours.isOpen(Instant.parse("2026-11-01T06:45:00Z"))).isFalse();
        }

        @Test
        void fallBackInNewYorkMovesTheNextOpeningByTheNewOffset() {
            // Saturday 2026-10-31 18:00 EDT; Monday 2026-11-02 09:00 EST = 14:00Z
            assertThat(salon(NEW_YORK).status(Instant.parse("2026-10-31T22:00:00Z")).nextChange())
                    .contains(Instant.parse("2026-11-02T14:00:00Z"));
        }

        @Test
        void londonChangesOnItsOwnDate() {
            BusinessHours london = salon(LONDON);
            // Sunday 2026-03-29 London goes to BST; Monday 2026-03-30 09:00 BST = 08:00Z.
            assertThat(london.status(Instant.parse("2026-03-28T20:00:00Z")).nextChange())
                    .contains(Instant.parse("2026-03-30T08:00:00Z"));
            // Monday 2026-03-30 20:00Z is 21:00 BST in London (closed) and 16:00 EDT in New York (open).
            assertThat(salon(NEW_YORK).isOpen(Instant.parse("2026-03-30T20:00:00Z"))).isTrue();
            assertThat(london.isOpen(Instant.parse("2026-03-30T20:00:00Z"))).isFalse();
        }
    }

    @Test
    void alwaysOpenNeverChanges() {
        BusinessHours always = BusinessHours.alwaysOpen(NEW_YORK);

        assertThat(always.status(Instant.parse("2026-11-01T06:15:00Z")))
                .isEqualTo(new BusinessHours.Status(true, java.util.Optional.empty()));
    }

    @Test
    void neverOpenHasNoNextOpening() {
        assertThat(new BusinessHours(NEW_YORK, Map.of(), List.of()).nextOpening(Instant.now())).isEmpty();
    }

    @Test
    void invalidDefinitionsAreRefused() {
        assertThatThrownBy(() -> OpenInterval.of("09:00", "09:00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BusinessHours("Mars/Olympus", Map.of(), List.of())).isInstanceOf(RuntimeException.class);
    }
}

package com.mctb.messaging.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class AccountMonthsTest {

    private static final Instant NEW_YEAR_UTC_MINUS_HALF_HOUR = Instant.parse("2026-12-31T23:30:00Z");

    @Test
    void theMonthIsTheAccountsOwn() {
        assertThat(AccountMonths.of(NEW_YEAR_UTC_MINUS_HALF_HOUR, "UTC")).isEqualTo(YearMonth.of(2026, 12));
        assertThat(AccountMonths.of(NEW_YEAR_UTC_MINUS_HALF_HOUR, "Pacific/Auckland")).isEqualTo(YearMonth.of(2027, 1));
        assertThat(AccountMonths.of(Instant.parse("2027-01-01T03:00:00Z"), "America/Los_Angeles"))
                .isEqualTo(YearMonth.of(2026, 12));
    }

    @Test
    void anUnknownZoneCountsInUtc() {
        assertThat(AccountMonths.of(NEW_YEAR_UTC_MINUS_HALF_HOUR, null)).isEqualTo(YearMonth.of(2026, 12));
        assertThat(AccountMonths.of(NEW_YEAR_UTC_MINUS_HALF_HOUR, "Mars/Olympus")).isEqualTo(YearMonth.of(2026, 12));
    }
}

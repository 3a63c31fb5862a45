package com.mctb.messaging.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The calendar month of the usage ledger: the month in the account's own time zone (UTC when it is not known). */
public final class AccountMonths {

    private AccountMonths() {
    }

    public static YearMonth of(Instant at, String timeZone) {
        return YearMonth.from(at.atZone(zone(timeZone)));
    }

    public static ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}

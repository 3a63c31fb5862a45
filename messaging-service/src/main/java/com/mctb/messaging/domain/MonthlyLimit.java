package com.mctb.messaging.domain;

/**
 * An account's monthly messaging limit. Texts accepted by Twilio this month and texts on their way to it both count,
 * so a burst cannot overshoot the limit while its texts are still being sent.
 */
public final class MonthlyLimit {

    private MonthlyLimit() {
    }

    /** Whether one more text may be sent; a null limit is unlimited. */
    public static boolean allowsAnother(Integer limit, long acceptedThisMonth, long onTheirWay) {
        return limit == null || acceptedThisMonth + onTheirWay < limit;
    }

    /** Whether this month's accepted texts have used the whole limit. */
    public static boolean reached(Integer limit, long acceptedThisMonth) {
        return limit != null && acceptedThisMonth >= limit;
    }
}

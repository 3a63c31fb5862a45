package com.mctb.contracts.event;

import com.mctb.contracts.hours.BusinessHours;
import java.time.Instant;
import java.util.List;

/**
 * An account's Business Profile as the workflow needs it.
 *
 * @param timeZone       IANA zone id the business's hours are in
 * @param numbers        the account's Twilio numbers, E.164
 * @param defaultNumber  the number texts are sent from unless a step names another
 * @param hours          when the business is open; null when the account has not set hours (treated as always open)
 * @param legacyTextBack the Business Profile's "Missed Call Text Back" toggle
 */
public record BusinessProfileChanged(
        String accountId,
        String businessName,
        String timeZone,
        List<String> numbers,
        String defaultNumber,
        BusinessHours hours,
        LegacyTextBack legacyTextBack,
        long version,
        Instant changedAt) implements Event {

    public BusinessProfileChanged {
        Require.text(accountId, "accountId");
        Require.text(businessName, "businessName");
        Require.text(timeZone, "timeZone");
        numbers = numbers == null ? List.of() : List.copyOf(numbers);
        legacyTextBack = legacyTextBack == null ? LegacyTextBack.OFF : legacyTextBack;
    }

    @Override
    public String eventId() {
        return "BusinessProfileChanged/" + accountId + "/" + version;
    }

    /** The hours to act on: the account's, or always open when it has set none. */
    public BusinessHours effectiveHours() {
        return hours != null ? hours : BusinessHours.alwaysOpen(timeZone);
    }

    /** The legacy toggle: when on, every missed call is texted this message, with no wait and no filters. */
    public record LegacyTextBack(boolean enabled, String message) {
        public static final LegacyTextBack OFF = new LegacyTextBack(false, null);
    }
}

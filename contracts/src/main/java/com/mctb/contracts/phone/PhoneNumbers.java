package com.mctb.contracts.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Phone numbers as the product stores and compares them: E.164, parsed by libphonenumber. */
public final class PhoneNumbers {

    /**
     * What carriers and Twilio put in {@code From} when the caller withheld their number. {@code +266696687} is
     * "ANONYMOUS" on a keypad; {@code +7378742833} is "RESTRICTED"; {@code +2562533} is "BLOCKED".
     */
    private static final Set<String> WITHHELD = Set.of(
            "", "anonymous", "restricted", "private", "unknown", "unavailable", "blocked",
            "+266696687", "266696687", "+7378742833", "+2562533", "+86282452253", "+8656696");

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /**
     * Recent answers of {@link #toE164(String, String)}, by region and raw text. libphonenumber's parse was 6 % of the
     * gateway's CPU at 200 calls/s (each voice webhook parses its To twice and its From once, and the To is one of
     * a few numbers); the answer depends on nothing else, so it is kept. Emptied when full rather than evicted one
     * by one: a plain bounded map is all this needs.
     */
    private static final Map<String, Optional<String>> RECENT = new ConcurrentHashMap<>();
    private static final int RECENT_MAX = 10_000;

    private PhoneNumbers() {
    }

    /** True when the caller's ID was withheld, so there is nobody to text. */
    public static boolean isWithheld(String raw) {
        return raw == null || WITHHELD.contains(raw.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * The number in E.164 when it is a valid phone number.
     *
     * @param defaultRegion ISO region for numbers written without a country code, e.g. "US"
     */
    public static Optional<String> toE164(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank() || isWithheld(raw)) {
            return Optional.empty();
        }
        String key = defaultRegion + '|' + raw;
        Optional<String> known = RECENT.get(key);
        if (known != null) {
            return known;
        }
        if (RECENT.size() >= RECENT_MAX) {
            RECENT.clear();
        }
        Optional<String> parsed = parse(raw, defaultRegion);
        RECENT.put(key, parsed);
        return parsed;
    }

    private static Optional<String> parse(String raw, String defaultRegion) {
        try {
            Phonenumber.PhoneNumber number = UTIL.parse(raw.trim(), defaultRegion);
            if (!UTIL.isPossibleNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** E.164 for a number that must already be international ({@code +...}). */
    public static Optional<String> toE164(String raw) {
        return toE164(raw, "ZZ");
    }

    /** For logs: keeps the country code and the last two digits, e.g. {@code +1555*****01}. */
    /** An E.164 number as a person reads it ({@code +1 555-123-0001}); anything unparseable as it was given. */
    public static String display(String e164) {
        if (e164 == null) {
            return "";
        }
        try {
            return UTIL.format(UTIL.parse(e164, "US"), PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return e164;
        }
    }

    public static String mask(String number) {
        if (number == null) {
            return "null";
        }
        if (number.length() < 7) {
            return "*".repeat(number.length());
        }
        int keepStart = number.startsWith("+") ? 5 : 4;
        return number.substring(0, keepStart) + "*".repeat(number.length() - keepStart - 2)
                + number.substring(number.length() - 2);
    }
}

package com.mctb.settings.domain.twilio;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A search of Twilio's available numbers: a country (ISO 3166 alpha-2, default US), an optional area code (three
 * digits, North American numbering) and an optional pattern (digits, letters, {@code *} for any digit; Twilio's
 * Contains).
 */
public record NumberSearch(String country, Integer areaCode, String contains) {

    /** The search, or the fields that are wrong, each with why. */
    public static NumberSearch of(String country, String areaCode, String contains) {
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        String c = country == null || country.isBlank() ? "US" : country.trim().toUpperCase(Locale.ROOT);
        if (!c.matches("[A-Z]{2}")) {
            errors.put("country", "'" + country + "' is not a two-letter country code (US, CA, …)");
        }
        Integer area = null;
        if (areaCode != null && !areaCode.isBlank()) {
            if (!areaCode.trim().matches("[2-9]\\d{2}")) {
                errors.put("areaCode", "'" + areaCode + "' is not an area code (three digits, the first 2-9)");
            } else {
                area = Integer.valueOf(areaCode.trim());
            }
        }
        String pattern = contains == null || contains.isBlank() ? null : contains.trim();
        if (pattern != null && !pattern.matches("[0-9A-Za-z*]{1,16}")) {
            errors.put("contains", "'" + contains + "' may hold only digits, letters and * (any digit), at most 16");
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        return new NumberSearch(c, area, pattern);
    }

    /** Fields of a search that cannot be sent to Twilio. */
    public static final class Invalid extends RuntimeException {
        private final Map<String, String> errors;

        Invalid(Map<String, String> errors) {
            super(String.join("; ", new ArrayList<>(errors.values())));
            this.errors = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(errors));
        }

        public Map<String, String> errors() {
            return errors;
        }

        public List<String> fields() {
            return List.copyOf(errors.keySet());
        }
    }
}

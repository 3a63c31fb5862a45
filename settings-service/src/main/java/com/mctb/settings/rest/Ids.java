package com.mctb.settings.rest;

import com.mctb.contracts.phone.PhoneNumbers;
import com.mctb.settings.service.InvalidFieldsException;

/** What ids in paths may look like, and reading a phone number from a path or query. */
final class Ids {

    static final String USER_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";
    static final String USER_MESSAGE = "must be 1-64 letters, digits, dots, dashes or underscores";

    private Ids() {
    }

    /**
     * The number in E.164, or 400 naming the field. A leading space is a '+' that a query string decoded
     * ({@code ?number=+1555…} unencoded), so it is read as one.
     */
    static String e164(String field, String raw) {
        String value = raw != null && raw.startsWith(" ") ? "+" + raw.substring(1) : raw;
        return PhoneNumbers.toE164(value).orElseThrow(() -> new InvalidFieldsException(field,
                "'" + raw + "' is not a phone number in E.164 (+15551234567)"));
    }
}

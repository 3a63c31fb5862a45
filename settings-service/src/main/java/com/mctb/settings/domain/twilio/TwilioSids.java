package com.mctb.settings.domain.twilio;

import java.util.regex.Pattern;

/** What Twilio's identifiers look like (Twilio's OpenAPI description: {@code ^AC[0-9a-fA-F]{32}$}). */
public final class TwilioSids {

    private static final Pattern ACCOUNT = Pattern.compile("^AC[0-9a-fA-F]{32}$");

    private TwilioSids() {
    }

    public static boolean isAccountSid(String value) {
        return value != null && ACCOUNT.matcher(value).matches();
    }
}

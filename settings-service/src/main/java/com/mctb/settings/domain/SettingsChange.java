package com.mctb.settings.domain;

import java.util.Locale;

/** What kind of change was published; the bounded label of the published-changes metric. */
public enum SettingsChange {
    ACCOUNT,
    NUMBER,
    USER,
    CALL_SETTINGS,
    GREETING,
    BUSINESS_HOURS,
    LEGACY_TEXT_BACK,
    TWILIO_ACCOUNT;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

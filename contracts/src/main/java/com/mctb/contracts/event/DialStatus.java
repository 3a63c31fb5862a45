package com.mctb.contracts.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** Twilio's DialCallStatus (and the CallStatus values that mean the same), by Twilio's own spelling. */
public enum DialStatus {
    COMPLETED("completed"),
    ANSWERED("answered"),
    NO_ANSWER("no-answer"),
    BUSY("busy"),
    FAILED("failed"),
    CANCELED("canceled");

    private final String twilioName;

    DialStatus(String twilioName) {
        this.twilioName = twilioName;
    }

    @JsonValue
    public String twilioName() {
        return twilioName;
    }

    /** Nobody took the call: the caller is owed a text. */
    public boolean isMissed() {
        return this == NO_ANSWER || this == BUSY || this == FAILED || this == CANCELED;
    }

    public static Optional<DialStatus> fromTwilio(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.twilioName.equals(v)).findFirst();
    }

    @JsonCreator
    static DialStatus fromJson(String value) {
        return fromTwilio(value).orElseThrow(() -> new IllegalArgumentException("unknown dial status " + value));
    }
}

package com.mctb.settings.service;

import com.mctb.contracts.phone.PhoneNumbers;
import com.mctb.settings.domain.SettingsLevel;

/** One level of an account's call settings: the account itself, one of its users, or one of its numbers. */
public record Level(SettingsLevel level, String ref) {

    public static Level account() {
        return new Level(SettingsLevel.ACCOUNT, null);
    }

    public static Level user(String userId) {
        return new Level(SettingsLevel.USER, userId);
    }

    public static Level number(String e164) {
        return new Level(SettingsLevel.NUMBER, e164);
    }

    /** For logs: a number is masked. */
    public String describe() {
        return switch (level) {
            case ACCOUNT, SYSTEM -> level.name().toLowerCase();
            case USER -> "user " + ref;
            case NUMBER -> "number " + PhoneNumbers.mask(ref);
        };
    }
}

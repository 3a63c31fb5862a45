package com.mctb.settings.domain;

import java.util.List;

/**
 * The call settings set at one level; a null field is not set there and falls through to the next level.
 */
public record CallSettingsLayer(SettingsLevel level, Integer timeoutSeconds, List<String> forwardTo) {

    public static CallSettingsLayer empty(SettingsLevel level) {
        return new CallSettingsLayer(level, null, null);
    }
}

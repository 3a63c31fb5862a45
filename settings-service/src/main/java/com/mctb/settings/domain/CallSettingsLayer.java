package com.mctb.settings.domain;

import java.util.List;

/**
 * The call settings set at one level; a null field is not set there and falls through to the next level.
 *
 * @param callerId                caller ID shown on the forwarded leg (one of the account's numbers)
 * @param answerOnBridge          keep the caller hearing ringing until a target answers
 * @param humanAnswerConfirmation bridge a target only after a person presses a key; set per number only
 * @param greeting                the custom voicemail greeting uploaded at this level
 */
public record CallSettingsLayer(SettingsLevel level, Integer timeoutSeconds, List<String> forwardTo, String callerId,
        Boolean answerOnBridge, Boolean humanAnswerConfirmation, CustomGreeting greeting) {

    public static CallSettingsLayer empty(SettingsLevel level) {
        return new CallSettingsLayer(level, null, null, null, null, null, null);
    }

    public CallSettingsLayer withGreeting(CustomGreeting customGreeting) {
        return new CallSettingsLayer(level, timeoutSeconds, forwardTo, callerId, answerOnBridge, humanAnswerConfirmation,
                customGreeting);
    }
}

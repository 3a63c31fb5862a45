package com.mctb.settings.domain;

import java.util.List;

/**
 * The call settings set at one level; a null field is not set there and falls through to the next level.
 *
 * @param callerId                caller ID shown on the forwarded leg (one of the account's numbers)
 * @param answerOnBridge          keep the caller hearing ringing until a target answers
 * @param humanAnswerConfirmation bridge a target only after a person presses a key; set per number only
 * @param greeting                the custom voicemail greeting uploaded at this level
 * @param ringPattern             who is rung, together or one after another (checked, numbers in E.164)
 * @param recordCalls             record answered calls after a consent announcement; set per number only
 * @param consentText             the consent announcement spoken when no consent audio is uploaded
 * @param recordingRetentionDays  days recordings are kept; set for the account only
 * @param consentAudio            the consent announcement uploaded at this level (played instead of the text)
 */
public record CallSettingsLayer(SettingsLevel level, Integer timeoutSeconds, List<String> forwardTo, String callerId,
        Boolean answerOnBridge, Boolean humanAnswerConfirmation, CustomGreeting greeting,
        RingPattern ringPattern, Boolean recordCalls, String consentText, Integer recordingRetentionDays,
        CustomGreeting consentAudio) {

    /** A layer without uploaded consent audio. */
    public CallSettingsLayer(SettingsLevel level, Integer timeoutSeconds, List<String> forwardTo, String callerId,
            Boolean answerOnBridge, Boolean humanAnswerConfirmation, CustomGreeting greeting,
            RingPattern ringPattern, Boolean recordCalls, String consentText, Integer recordingRetentionDays) {
        this(level, timeoutSeconds, forwardTo, callerId, answerOnBridge, humanAnswerConfirmation, greeting, ringPattern,
                recordCalls, consentText, recordingRetentionDays, null);
    }

    /** A layer that sets no ring pattern and nothing about recording. */
    public CallSettingsLayer(SettingsLevel level, Integer timeoutSeconds, List<String> forwardTo, String callerId,
            Boolean answerOnBridge, Boolean humanAnswerConfirmation, CustomGreeting greeting) {
        this(level, timeoutSeconds, forwardTo, callerId, answerOnBridge, humanAnswerConfirmation, greeting, null, null,
                null, null);
    }

    public static CallSettingsLayer empty(SettingsLevel level) {
        return new CallSettingsLayer(level, null, null, null, null, null, null, null, null, null, null);
    }

    public CallSettingsLayer withGreeting(CustomGreeting customGreeting) {
        return new CallSettingsLayer(level, timeoutSeconds, forwardTo, callerId, answerOnBridge, humanAnswerConfirmation,
                customGreeting, ringPattern, recordCalls, consentText, recordingRetentionDays, consentAudio);
    }

    public CallSettingsLayer withConsentAudio(CustomGreeting audio) {
        return new CallSettingsLayer(level, timeoutSeconds, forwardTo, callerId, answerOnBridge, humanAnswerConfirmation,
                greeting, ringPattern, recordCalls, consentText, recordingRetentionDays, audio);
    }
}

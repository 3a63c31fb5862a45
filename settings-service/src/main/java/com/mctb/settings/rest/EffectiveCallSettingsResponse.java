package com.mctb.settings.rest;

import com.mctb.settings.domain.RingPattern;
import java.util.List;

/**
 * The call settings that apply to a call, each field with the level it came from (NUMBER, USER, ACCOUNT or SYSTEM).
 *
 * @param number the number asked about, or null for the account's defaults
 * @param userId the user whose settings took part: the one asked about, else the number's assigned user
 * @param ringingSecondsBeforeVoicemail how long a caller hears ringing before the greeting: the timeout, or the sum
 *                                      of a sequential pattern's ring times
 * @param consentAudio the consent announcement played before a recorded call (null: the consent text is spoken)
 */
public record EffectiveCallSettingsResponse(String number, String userId, Field<Integer> timeoutSeconds,
        Field<List<String>> forwardTo, Field<String> callerId, Field<Boolean> answerOnBridge,
        Field<Boolean> humanAnswerConfirmation, Field<GreetingResponse> greeting, Field<RingPattern> ringPattern,
        Field<Boolean> recordCalls, Field<String> consentText, Field<Integer> recordingRetentionDays,
        Field<GreetingResponse> consentAudio, int ringingSecondsBeforeVoicemail, List<String> warnings) {

    /** A resolved value and its source level; a greeting from SYSTEM (null) is the spoken carrier-style default. */
    public record Field<T>(T value, String source) {
    }
}

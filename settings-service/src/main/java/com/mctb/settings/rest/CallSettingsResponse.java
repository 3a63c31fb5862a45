package com.mctb.settings.rest;

import com.mctb.settings.domain.CallSettingsLayer;
import com.mctb.settings.domain.CallTimeout;
import com.mctb.settings.domain.RingPattern;
import java.util.List;

/**
 * What one level sets; null fields are inherited.
 *
 * @param greeting the custom greeting uploaded at this level, or null
 * @param consentAudio the recording consent announcement uploaded at this level, or null
 * @param warnings advice about accepted but unadvised values, e.g. a timeout above 20 seconds
 */
public record CallSettingsResponse(String level, Integer timeoutSeconds, List<String> forwardTo, String callerId,
        Boolean answerOnBridge, Boolean humanAnswerConfirmation, GreetingResponse greeting, RingPattern ringPattern,
        Boolean recordCalls, String consentText, Integer recordingRetentionDays, GreetingResponse consentAudio,
        List<String> warnings) {

    static CallSettingsResponse of(CallSettingsLayer layer, GreetingResponse greeting, GreetingResponse consentAudio) {
        List<String> warnings = layer.timeoutSeconds() == null ? List.of()
                : CallTimeout.warning(layer.timeoutSeconds()).stream().toList();
        return new CallSettingsResponse(layer.level().name(), layer.timeoutSeconds(), layer.forwardTo(),
                layer.callerId(), layer.answerOnBridge(), layer.humanAnswerConfirmation(), greeting, layer.ringPattern(),
                layer.recordCalls(), layer.consentText(), layer.recordingRetentionDays(), consentAudio, warnings);
    }
}

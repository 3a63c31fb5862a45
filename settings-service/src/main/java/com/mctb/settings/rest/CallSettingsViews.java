package com.mctb.settings.rest;

import com.mctb.settings.domain.AudioPurpose;
import com.mctb.settings.domain.CallSettingsLayer;
import com.mctb.settings.service.CallSettingsService;
import com.mctb.settings.service.Level;

/** Reading and saving one level's settings, the same for the account, a user and a number. */
final class CallSettingsViews {

    private CallSettingsViews() {
    }

    static CallSettingsResponse level(CallSettingsService service, GreetingEndpoints greetings, String accountId,
            Level level) {
        CallSettingsLayer layer = service.at(accountId, level);
        return CallSettingsResponse.of(layer, greetings.view(accountId, level, layer.greeting()),
                greetings.view(accountId, level, AudioPurpose.CONSENT, layer.consentAudio()));
    }

    static CallSettingsResponse save(CallSettingsService service, GreetingEndpoints greetings, String accountId,
            Level level, CallSettingsRequest request) {
        CallSettingsLayer layer = service.save(accountId, level, request.timeoutSeconds(), request.forwardTo(),
                request.callerId(), request.answerOnBridge(), request.humanAnswerConfirmation(),
                request.ringPattern() == null ? null : request.ringPattern().toDomain(), request.recordCalls(),
                request.consentText(), request.recordingRetentionDays());
        return CallSettingsResponse.of(layer, greetings.view(accountId, level, layer.greeting()),
                greetings.view(accountId, level, AudioPurpose.CONSENT, layer.consentAudio()));
    }
}

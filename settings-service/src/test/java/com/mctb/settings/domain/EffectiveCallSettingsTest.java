package com.mctb.settings.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.settings.domain.EffectiveCallSettings.Resolved;
import com.mctb.settings.domain.audio.AudioFormat;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EffectiveCallSettingsTest {

    private static final CustomGreeting ACCOUNT_GREETING =
            new CustomGreeting("account-token", AudioFormat.MP3, 1000, 5000, Instant.EPOCH);
    private static final CustomGreeting NUMBER_GREETING =
            new CustomGreeting("number-token", AudioFormat.WAV, 2000, 4000, Instant.EPOCH);

    @Test
    void nothingSetAnywhereTakesTheSystemDefaults() {
        EffectiveCallSettings effective = EffectiveCallSettings.resolve(List.of(CallSettingsLayer.empty(SettingsLevel.ACCOUNT)));

        assertThat(effective.timeoutSeconds()).isEqualTo(new Resolved<>(20, SettingsLevel.SYSTEM));
        assertThat(effective.forwardTo()).isEqualTo(new Resolved<>(List.of(), SettingsLevel.SYSTEM));
        assertThat(effective.callerId()).isEqualTo(new Resolved<>(null, SettingsLevel.SYSTEM));
        assertThat(effective.answerOnBridge()).isEqualTo(new Resolved<>(true, SettingsLevel.SYSTEM));
        assertThat(effective.humanAnswerConfirmation()).isEqualTo(new Resolved<>(false, SettingsLevel.SYSTEM));
        assertThat(effective.greeting()).isEqualTo(new Resolved<>(null, SettingsLevel.SYSTEM));
    }

    @Test
    void theMostSpecificLevelThatSetsAFieldWinsFieldByField() {
        EffectiveCallSettings effective = EffectiveCallSettings.resolve(List.of(
                new CallSettingsLayer(SettingsLevel.NUMBER, 12, null, null, null, true, NUMBER_GREETING),
                new CallSettingsLayer(SettingsLevel.USER, 15, List.of("+15550002222"), "+15557654321", null, null, null),
                new CallSettingsLayer(SettingsLevel.ACCOUNT, 18, List.of("+15550001111"), null, false, null,
                        ACCOUNT_GREETING)));

        assertThat(effective.timeoutSeconds()).isEqualTo(new Resolved<>(12, SettingsLevel.NUMBER));
        assertThat(effective.forwardTo()).isEqualTo(new Resolved<>(List.of("+15550002222"), SettingsLevel.USER));
        assertThat(effective.callerId()).isEqualTo(new Resolved<>("+15557654321", SettingsLevel.USER));
        assertThat(effective.answerOnBridge()).isEqualTo(new Resolved<>(false, SettingsLevel.ACCOUNT));
        assertThat(effective.humanAnswerConfirmation()).isEqualTo(new Resolved<>(true, SettingsLevel.NUMBER));
        assertThat(effective.greeting()).isEqualTo(new Resolved<>(NUMBER_GREETING, SettingsLevel.NUMBER));
    }

    @Test
    void anAccountValueAppliesWhenNoMoreSpecificLevelSetsIt() {
        EffectiveCallSettings effective = EffectiveCallSettings.resolve(List.of(
                CallSettingsLayer.empty(SettingsLevel.NUMBER),
                CallSettingsLayer.empty(SettingsLevel.USER),
                new CallSettingsLayer(SettingsLevel.ACCOUNT, 18, List.of("+15550001111"), null, null, null,
                        ACCOUNT_GREETING)));

        assertThat(effective.timeoutSeconds()).isEqualTo(new Resolved<>(18, SettingsLevel.ACCOUNT));
        assertThat(effective.greeting()).isEqualTo(new Resolved<>(ACCOUNT_GREETING, SettingsLevel.ACCOUNT));
    }

    @Test
    void anEmptyForwardToListIsASettingNotAnAbsence() {
        EffectiveCallSettings effective = EffectiveCallSettings.resolve(List.of(
                new CallSettingsLayer(SettingsLevel.NUMBER, null, List.of(), null, null, null, null),
                new CallSettingsLayer(SettingsLevel.ACCOUNT, 18, List.of("+15550001111"), null, null, null, null)));

        assertThat(effective.forwardTo()).isEqualTo(new Resolved<>(List.of(), SettingsLevel.NUMBER));
    }

    @Test
    void missingLevelsAreSkipped() {
        java.util.List<CallSettingsLayer> layers = new java.util.ArrayList<>();
        layers.add(null);
        layers.add(new CallSettingsLayer(SettingsLevel.ACCOUNT, 25, null, null, null, null, null));

        assertThat(EffectiveCallSettings.resolve(layers).timeoutSeconds()).isEqualTo(new Resolved<>(25, SettingsLevel.ACCOUNT));
    }
}

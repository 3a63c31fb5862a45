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

    @Test
    void ringPatternAndRecordingComeFieldByFieldFromTheLevelThatSetsThem() {
        RingPattern numbers = new RingPattern(RingPattern.Mode.SIMULTANEOUS,
                List.of(new RingPattern.Target("+15550002222", null, null)));
        RingPattern users = new RingPattern(RingPattern.Mode.SEQUENTIAL,
                List.of(new RingPattern.Target(null, "dana", 8)));
        RingPattern accounts = new RingPattern(RingPattern.Mode.SEQUENTIAL,
                List.of(new RingPattern.Target("+15550001111", null, 10)));
        CallSettingsLayer number = new CallSettingsLayer(SettingsLevel.NUMBER, null, null, null, null, null, null,
                numbers, true, null, null, NUMBER_GREETING);
        CallSettingsLayer user = new CallSettingsLayer(SettingsLevel.USER, null, null, null, null, null, null,
                users, null, "Dana records.", null);
        CallSettingsLayer account = new CallSettingsLayer(SettingsLevel.ACCOUNT, 20, null, null, null, null, null,
                accounts, null, "The account records.", 30, ACCOUNT_GREETING);

        EffectiveCallSettings all = EffectiveCallSettings.resolve(List.of(number, user, account));
        assertThat(all.ringPattern()).isEqualTo(new Resolved<>(numbers, SettingsLevel.NUMBER));
        assertThat(all.recordCalls()).isEqualTo(new Resolved<>(true, SettingsLevel.NUMBER));
        assertThat(all.consentText()).isEqualTo(new Resolved<>("Dana records.", SettingsLevel.USER));
        assertThat(all.recordingRetentionDays()).isEqualTo(new Resolved<>(30, SettingsLevel.ACCOUNT));
        assertThat(all.consentAudio()).isEqualTo(new Resolved<>(NUMBER_GREETING, SettingsLevel.NUMBER));

        EffectiveCallSettings usersNumber = EffectiveCallSettings.resolve(List.of(
                CallSettingsLayer.empty(SettingsLevel.NUMBER), user, account));
        assertThat(usersNumber.ringPattern()).isEqualTo(new Resolved<>(users, SettingsLevel.USER));
        assertThat(usersNumber.recordCalls()).isEqualTo(new Resolved<>(false, SettingsLevel.SYSTEM));
        assertThat(usersNumber.consentAudio()).isEqualTo(new Resolved<>(ACCOUNT_GREETING, SettingsLevel.ACCOUNT));

        EffectiveCallSettings accountsNumber = EffectiveCallSettings.resolve(List.of(account));
        assertThat(accountsNumber.ringPattern()).isEqualTo(new Resolved<>(accounts, SettingsLevel.ACCOUNT));
        assertThat(accountsNumber.consentText()).isEqualTo(new Resolved<>("The account records.", SettingsLevel.ACCOUNT));
    }

    @Test
    void noRingPatternOrRecordingSetIsTheForwardToTargetsTogetherAndNoRecording() {
        EffectiveCallSettings effective = EffectiveCallSettings.resolve(List.of(
                new CallSettingsLayer(SettingsLevel.ACCOUNT, 18, List.of("+15550001111"), null, null, null, null)));

        assertThat(effective.ringPattern()).isEqualTo(new Resolved<>(new RingPattern(RingPattern.Mode.SIMULTANEOUS,
                List.of(new RingPattern.Target("+15550001111", null, null))), SettingsLevel.SYSTEM));
        assertThat(effective.recordCalls()).isEqualTo(new Resolved<>(false, SettingsLevel.SYSTEM));
        assertThat(effective.consentText()).isEqualTo(new Resolved<>(CallRecording.DEFAULT_CONSENT_TEXT, SettingsLevel.SYSTEM));
        assertThat(effective.recordingRetentionDays())
                .isEqualTo(new Resolved<>(CallRecording.SYSTEM_RETENTION_DAYS, SettingsLevel.SYSTEM));
        assertThat(effective.consentAudio()).isEqualTo(new Resolved<>(null, SettingsLevel.SYSTEM));
    }
}

package com.mctb.settings.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EffectiveCallSettingsTest {

    @Test
    void nothingSetAnywhereTakesTheSystemDefaults() {
        EffectiveCallSettings effective = EffectiveCallSettings.resolve(List.of(CallSettingsLayer.empty(SettingsLevel.ACCOUNT)));

        assertThat(effective.timeoutSeconds()).isEqualTo(new EffectiveCallSettings.Resolved<>(20, SettingsLevel.SYSTEM));
        assertThat(effective.forwardTo().value()).isEmpty();
    }

    @Test
    void theMostSpecificLevelThatSetsAFieldWinsFieldByField() {
        EffectiveCallSettings effective = EffectiveCallSettings.resolve(List.of(
                new CallSettingsLayer(SettingsLevel.NUMBER, 12, null),
                new CallSettingsLayer(SettingsLevel.USER, 15, List.of("+15550002222")),
                new CallSettingsLayer(SettingsLevel.ACCOUNT, 18, List.of("+15550001111"))));

        assertThat(effective.timeoutSeconds()).isEqualTo(new EffectiveCallSettings.Resolved<>(12, SettingsLevel.NUMBER));
        assertThat(effective.forwardTo())
                .isEqualTo(new EffectiveCallSettings.Resolved<>(List.of("+15550002222"), SettingsLevel.USER));
    }

    @Test
    void anAccountValueAppliesWhenNoMoreSpecificLevelSetsIt() {
        EffectiveCallSettings effective = EffectiveCallSettings.resolve(List.of(
                CallSettingsLayer.empty(SettingsLevel.NUMBER),
                new CallSettingsLayer(SettingsLevel.ACCOUNT, 18, List.of("+15550001111"))));

        assertThat(effective.timeoutSeconds()).isEqualTo(new EffectiveCallSettings.Resolved<>(18, SettingsLevel.ACCOUNT));
    }
}

package com.mctb.settings.domain.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumberConfigurationTest {

    private final NumberConfiguration expected = NumberConfiguration.expected("https://voice.example/",
            "https://sms.example");

    @Test
    void theWebhooksAreTheGatewaysAndMessagingServicesPathsUnderTheirPublicBaseUrls() {
        assertThat(expected).isEqualTo(new NumberConfiguration("https://voice.example/twilio/voice/incoming", "POST",
                "https://voice.example/twilio/voice/status", "POST", "https://sms.example/twilio/messaging/inbound",
                "POST"));
    }

    @Test
    void theSameConfigurationHasNoDriftAndUnsetMethodsAreTwiliosDefaultPost() {
        NumberConfiguration actual = new NumberConfiguration(expected.voiceUrl(), null, expected.statusCallback(),
                "post", expected.smsUrl(), "");

        assertThat(expected.driftOf(actual)).isEmpty();
        assertThat(ConfigurationState.of(expected.driftOf(actual))).isEqualTo(ConfigurationState.CONFIGURED);
    }

    @Test
    void eachDifferingFieldIsReportedWithWhatItShouldBeAndWhatItIs() {
        NumberConfiguration actual = new NumberConfiguration("https://someone.else/voice", "POST", null, "POST",
                expected.smsUrl() + "/", "GET");

        assertThat(expected.driftOf(actual)).containsExactly(
                new Drift("voiceUrl", expected.voiceUrl(), "https://someone.else/voice"),
                new Drift("statusCallback", expected.statusCallback(), null),
                new Drift("smsUrl", expected.smsUrl(), expected.smsUrl() + "/"),
                new Drift("smsMethod", "POST", "GET"));
        assertThat(ConfigurationState.of(expected.driftOf(actual))).isEqualTo(ConfigurationState.DRIFTED);
    }
}

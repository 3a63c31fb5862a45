package com.mctb.messaging.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TwilioErrorsTest {

    @Test
    void rateLimitsAndNoAnswerAreRetried() {
        assertThat(TwilioErrors.kind(429, 20429)).isEqualTo(TwilioErrors.Kind.RETRY);
        assertThat(TwilioErrors.kind(null, null)).isEqualTo(TwilioErrors.Kind.RETRY);
    }

    @Test
    void aServerErrorMayHaveBeenTaken() {
        assertThat(TwilioErrors.kind(500, 20500)).isEqualTo(TwilioErrors.Kind.MAYBE_TAKEN);
        assertThat(TwilioErrors.kind(502, null)).as("Twilio's edge after it created the message")
                .isEqualTo(TwilioErrors.Kind.MAYBE_TAKEN);
        assertThat(TwilioErrors.kind(503, null)).isEqualTo(TwilioErrors.Kind.MAYBE_TAKEN);
    }

    @Test
    void twiliosPermanentErrorsAreFinal() {
        assertThat(TwilioErrors.kind(400, 21211)).as("invalid To").isEqualTo(TwilioErrors.Kind.FINAL);
        assertThat(TwilioErrors.kind(400, 21610)).as("unsubscribed recipient").isEqualTo(TwilioErrors.Kind.FINAL);
        assertThat(TwilioErrors.kind(400, 21606)).as("unverified sender").isEqualTo(TwilioErrors.Kind.FINAL);
        assertThat(TwilioErrors.kind(401, 20003)).as("authentication").isEqualTo(TwilioErrors.Kind.FINAL);
        assertThat(TwilioErrors.kind(404, 20404)).isEqualTo(TwilioErrors.Kind.FINAL);
    }

    @Test
    void aClosedWhatsAppSessionIsItsOwnCase() {
        assertThat(TwilioErrors.kind(400, 63016)).isEqualTo(TwilioErrors.Kind.WHATSAPP_SESSION_CLOSED);
    }
}

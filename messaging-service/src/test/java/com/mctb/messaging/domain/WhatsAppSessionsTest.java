package com.mctb.messaging.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WhatsAppSessionsTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    void openForADayAfterTheContactsLastMessage() {
        Duration day = Duration.ofHours(24);
        assertThat(WhatsAppSessions.isOpen(NOW.minus(Duration.ofHours(23)), NOW, day)).isTrue();
        assertThat(WhatsAppSessions.isOpen(NOW.minus(day), NOW, day)).isTrue();
        assertThat(WhatsAppSessions.isOpen(NOW.minus(day).minusSeconds(1), NOW, day)).isFalse();
        assertThat(WhatsAppSessions.isOpen(null, NOW, day)).isFalse();
    }
}

package com.mctb.workflow.domain.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.contracts.event.Channel;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TeamReplyTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void anOrdinaryAnswerBySmsIsAllowed() {
        assertThat(TeamReply.check(new TeamReply.Facts("See you Tuesday!", Channel.SMS, false, null, NOW))).isEmpty();
    }

    @Test
    void emptyAndOverlongBodiesAreRefusedNamingTheField() {
        assertThat(TeamReply.check(new TeamReply.Facts("  ", Channel.SMS, false, null, NOW)))
                .hasValueSatisfying(r -> {
                    assertThat(r.status()).isEqualTo(400);
                    assertThat(r.field()).isEqualTo("body");
                });
        assertThat(TeamReply.check(new TeamReply.Facts("x".repeat(1600), Channel.SMS, false, null, NOW))).isEmpty();
        assertThat(TeamReply.check(new TeamReply.Facts("x".repeat(1601), Channel.SMS, false, null, NOW)))
                .hasValueSatisfying(r -> assertThat(r.reason()).contains("1,601 characters").contains("1,600"));
        // Characters as a person counts them: an emoji is one, not two UTF-16 units.
        assertThat(TeamReply.check(new TeamReply.Facts("😊".repeat(1600), Channel.SMS, false, null, NOW))).isEmpty();
    }

    @Test
    void anOptedOutContactIsNotAnsweredOnAnyChannel() {
        assertThat(TeamReply.check(new TeamReply.Facts("Hi", Channel.SMS, true, NOW, NOW)))
                .hasValueSatisfying(r -> {
                    assertThat(r.status()).isEqualTo(409);
                    assertThat(r.reason()).contains("opted out");
                });
    }

    @Test
    void whatsAppOnlyWithinTwentyFourHoursOfTheContactsLastMessage() {
        assertThat(TeamReply.check(new TeamReply.Facts("Hi", Channel.WHATSAPP, false, null, NOW)))
                .hasValueSatisfying(r -> assertThat(r.reason()).contains("never written on WhatsApp"));
        assertThat(TeamReply.check(new TeamReply.Facts("Hi", Channel.WHATSAPP, false,
                NOW.minus(Duration.ofHours(23)), NOW))).isEmpty();
        assertThat(TeamReply.check(new TeamReply.Facts("Hi", Channel.WHATSAPP, false,
                NOW.minus(Duration.ofHours(24)).minusSeconds(1), NOW)))
                .hasValueSatisfying(r -> {
                    assertThat(r.status()).isEqualTo(409);
                    assertThat(r.field()).isEqualTo("channel");
                    assertThat(r.reason()).contains("more than 24 hours ago");
                });
    }

    @Test
    void theCommandIdIsTheSameForTheSameKeyAndDiffersForAnother() {
        assertThat(TeamReply.commandId("glow", "c1", "k-1")).isEqualTo(TeamReply.commandId("glow", "c1", "k-1"))
                .isNotEqualTo(TeamReply.commandId("glow", "c1", "k-2"))
                .isNotEqualTo(TeamReply.commandId("glow", "c2", "k-1"));
        assertThat(TeamReply.isIdempotencyKey("2f1c-4a:9.x_y")).isTrue();
        assertThat(TeamReply.isIdempotencyKey("")).isFalse();
        assertThat(TeamReply.isIdempotencyKey("has space")).isFalse();
        assertThat(TeamReply.isIdempotencyKey("k".repeat(101))).isFalse();
    }
}

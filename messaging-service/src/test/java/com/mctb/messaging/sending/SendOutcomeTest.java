package com.mctb.messaging.sending;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.contracts.event.Channel;
import com.mctb.contracts.event.MessageCause;
import com.mctb.contracts.event.MessageRejected;
import com.mctb.messaging.twilio.TwilioMessages;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class SendOutcomeTest {

    private static final Instant NOW = Instant.parse("2026-12-02T17:00:00Z");

    @Test
    void twiliosAnswerIsAnAcceptanceToRecord() {
        SendOutcome outcome = SendOutcome.of(sms(), new TwilioMessages.Created("SM1", "queued", 1), false, null, 1, NOW);

        assertThat(outcome).isEqualTo(new SendOutcome.Accepted(sms(), "SM1", NOW, false));
        assertThat(outcome.recorded()).isTrue();
    }

    @Test
    void aFinalRefusalFailsWithTwiliosCode() {
        SendOutcome outcome = SendOutcome.of(sms(), null, false, Refusals.answered(400, 21211), 1, NOW);

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Refused.class, r -> assertThat(r.code()).isEqualTo(21211));
        assertThat(outcome.recorded()).isTrue();
    }

    @Test
    void retriesRunOutOnARefusalThatSaysHowManyAttempts() {
        SendOutcome outcome = SendOutcome.of(sms(), null, false, new CompletionException(Refusals.answered(429, 20429)),
                7, NOW);

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Refused.class, r -> {
            assertThat(r.code()).isEqualTo(20429);
            assertThat(r.message()).startsWith("not sent after 7 attempts");
        });
    }

    @Test
    void anUnknownAnswerIsNeitherFailedNorRecordedButLeftForRecovery() {
        SendOutcome outcome = SendOutcome.of(sms(), null, false, Refusals.noAnswer(), 7, NOW);

        assertThat(outcome).isEqualTo(new SendOutcome.Ambiguous(sms(), 7));
        assertThat(outcome.recorded()).isFalse();
    }

    @Test
    void aClosedWhatsAppSessionGoesAsSmsOnlyWhenTheCommandAllows() {
        TwilioMessages.Refused closed = Refusals.answered(400, 63016);

        assertThat(SendOutcome.of(whatsApp(true), null, false, closed, 1, NOW))
                .isEqualTo(new SendOutcome.SmsInstead(whatsApp(true), 63016));
        assertThat(SendOutcome.of(whatsApp(false), null, false, closed, 1, NOW))
                .isInstanceOfSatisfying(SendOutcome.Rejected.class, r -> {
                    assertThat(r.reason()).isEqualTo(MessageRejected.Reason.WHATSAPP_SESSION_CLOSED);
                    assertThat(r.detail()).contains("63016");
                });
        assertThat(SendOutcome.of(whatsApp(true).asSms(), null, false, closed, 1, NOW))
                .as("already an SMS: no second fall-back").isInstanceOf(SendOutcome.Rejected.class);
    }

    @Test
    void anythingButTwiliosRefusalStopsTheTextForRecovery() {
        IllegalStateException bug = new IllegalStateException("a bug");

        assertThat(SendOutcome.of(sms(), null, false, new CompletionException(bug), 1, NOW))
                .isEqualTo(new SendOutcome.Stopped(sms(), bug))
                .satisfies(o -> assertThat(o.recorded()).isFalse());
    }

    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");

    private static OutgoingText sms() {
        return text(Channel.SMS, false);
    }

    private static OutgoingText whatsApp(boolean smsFallback) {
        return text(Channel.WHATSAPP, smsFallback);
    }

    private static OutgoingText text(Channel channel, boolean smsFallback) {
        return new OutgoingText(ID, "cmd-1", "acct", channel, "+15557654321", "+15551230001", "Hi", MessageCause.WORKFLOW,
                null, NOW, smsFallback, NOW, null, null, 1L, 0L);
    }
}

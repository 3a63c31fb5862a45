package com.mctb.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.contracts.event.CallSettingsChanged;
import com.mctb.contracts.event.DialStatus;
import com.mctb.gateway.domain.CallDecision.Answer;
import com.mctb.gateway.domain.CallDecision.Effect;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every call decision, in plain Java: no framework, no database. */
class CallFlowTest {

    private final CallFlow flow = new CallFlow();
    private final AtomicInteger asked = new AtomicInteger();

    @Test
    void anIncomingCallRingsTheTargetsAndStartsTheRingClock() {
        CallDecision d = flow.incoming(Optional.of(settings(List.of("+15550001111"), false)));

        assertThat(d.answer()).isEqualTo(Answer.RING);
        assertThat(d.effect()).isEqualTo(Effect.START_RING_CLOCK);
        assertThat(d.screened()).isFalse();
        assertThat(d.settings().timeoutSeconds()).isEqualTo(17);
    }

    @Test
    void anIncomingCallToAScreenedNumberRingsScreened() {
        assertThat(flow.incoming(Optional.of(settings(List.of("+15550001111"), true))).screened()).isTrue();
    }

    @Test
    void anIncomingCallWithNobodyToRingIsMissedAtOnce() {
        CallDecision d = flow.incoming(Optional.of(settings(List.of(), false)));

        assertThat(d.answer()).isEqualTo(Answer.VOICEMAIL);
        assertThat(d.effect()).isEqualTo(Effect.REPORT_MISSED);
        assertThat(d.dialStatus()).isEqualTo(DialStatus.NO_ANSWER);
        assertThat(d.rangSeconds()).isZero();
    }

    @Test
    void anIncomingCallToANumberNobodyOwnsGetsVoicemailOnDefaultsAndIsCounted() {
        CallDecision d = flow.incoming(Optional.empty());

        assertThat(d.answer()).isEqualTo(Answer.VOICEMAIL_ON_DEFAULTS);
        assertThat(d.effect()).isEqualTo(Effect.COUNT_UNROUTED);
        assertThat(d.why()).isEqualTo("no account owns this number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-answer", "busy", "failed", "canceled"})
    void aDialThatReachedNobodyIsMissedWithItsStatusAndRingTime(String status) {
        CallDecision d = flow.dialEnded(status, Optional.of(settings(List.of("+15550001111"), true)), 12, ask(true));

        assertThat(d.answer()).isEqualTo(Answer.VOICEMAIL);
        assertThat(d.effect()).isEqualTo(Effect.REPORT_MISSED);
        assertThat(d.dialStatus()).isEqualTo(DialStatus.fromTwilio(status).orElseThrow());
        assertThat(d.rangSeconds()).isEqualTo(12);
        assertThat(asked).as("a missed dial needs no confirmation").hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"completed", "answered"})
    void anAnsweredDialIsRecordedAsAnsweredWithoutAskingForAConfirmationWhenNotScreened(String status) {
        CallDecision d = flow.dialEnded(status, Optional.of(settings(List.of("+15550001111"), false)), 3, ask(false));

        assertThat(d.answer()).isEqualTo(Answer.NOTHING_MORE);
        assertThat(d.effect()).isEqualTo(Effect.RECORD_ANSWERED);
        assertThat(d.dialStatus()).isEqualTo(DialStatus.fromTwilio(status).orElseThrow());
        assertThat(asked).hasValue(0);
    }

    @Test
    void aScreenedCallAnsweredByAPersonWhoPressedAKeyIsAnswered() {
        CallDecision d = flow.dialEnded("completed", Optional.of(settings(List.of("+15550001111"), true)), 5, ask(true));

        assertThat(d.effect()).isEqualTo(Effect.RECORD_ANSWERED);
        assertThat(d.answer()).isEqualTo(Answer.NOTHING_MORE);
        assertThat(asked).hasValue(1);
    }

    @Test
    void aScreenedCallAnsweredWithoutAKeyPressWasTheForwardedPhonesVoicemailAndIsMissed() {
        CallDecision d = flow.dialEnded("completed", Optional.of(settings(List.of("+15550001111"), true)), 9, ask(false));

        assertThat(d.answer()).isEqualTo(Answer.VOICEMAIL);
        assertThat(d.effect()).isEqualTo(Effect.REPORT_MISSED);
        assertThat(d.dialStatus()).isEqualTo(DialStatus.NO_ANSWER);
        assertThat(d.rangSeconds()).isEqualTo(9);
        assertThat(d.why()).startsWith("forwarded leg answered without confirmation");
    }

    @Test
    void anUnknownDialStatusHangsUpAndIsCounted() {
        CallDecision d = flow.dialEnded("ringing-on-mars", Optional.of(settings(List.of("+1"), false)), null, ask(true));

        assertThat(d.answer()).isEqualTo(Answer.HANG_UP);
        assertThat(d.effect()).isEqualTo(Effect.COUNT_UNKNOWN_STATUS);
        assertThat(d.why()).contains("ringing-on-mars");
        assertThat(flow.dialEnded(null, Optional.empty(), null, ask(true)).answer()).isEqualTo(Answer.HANG_UP);
    }

    @Test
    void aDialToANumberNobodyOwnsReportsNothing() {
        assertThat(flow.dialEnded("no-answer", Optional.empty(), 4, ask(true)))
                .extracting(CallDecision::answer, CallDecision::effect)
                .containsExactly(Answer.VOICEMAIL_ON_DEFAULTS, Effect.NONE);
        assertThat(flow.dialEnded("completed", Optional.empty(), 4, ask(true)))
                .extracting(CallDecision::answer, CallDecision::effect)
                .containsExactly(Answer.NOTHING_MORE, Effect.NONE);
    }

    @Test
    void afterTheVoicemailTheCallEnds() {
        assertThat(flow.voicemailLeft()).extracting(CallDecision::answer, CallDecision::effect)
                .containsExactly(Answer.HANG_UP, Effect.NONE);
    }

    @Test
    void aKeyPressedOnAScreenConfirmsAPersonNoKeyHangsUpTheForwardedLeg() {
        assertThat(flow.screenAnswered("1")).extracting(CallDecision::answer, CallDecision::effect)
                .containsExactly(Answer.NOTHING_MORE, Effect.RECORD_CONFIRMATION);
        assertThat(flow.screenAnswered("")).extracting(CallDecision::answer, CallDecision::effect)
                .containsExactly(Answer.HANG_UP, Effect.NONE);
        assertThat(flow.screenAnswered(null).answer()).isEqualTo(Answer.HANG_UP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"completed", "busy", "failed", "no-answer", "canceled", "COMPLETED"})
    void aFinalStatusOfAnInboundCallIsNotedForTheGracePeriod(String status) {
        CallDecision d = flow.statusChanged(status, "inbound", Optional.of(settings(List.of("+1"), false)));

        assertThat(d.effect()).isEqualTo(Effect.NOTE_ENDED);
        assertThat(d.why()).isEqualTo(status.toLowerCase());
    }

    @Test
    void aStatusThatIsNotFinalOrNotInboundOrForANumberNobodyOwnsIsOnlyAcknowledged() {
        Optional<CallSettingsChanged> s = Optional.of(settings(List.of("+1"), false));

        assertThat(flow.statusChanged("ringing", "inbound", s).effect()).isEqualTo(Effect.NONE);
        assertThat(flow.statusChanged("completed", "outbound-dial", s).effect()).isEqualTo(Effect.NONE);
        assertThat(flow.statusChanged("completed", "inbound", Optional.empty()).effect()).isEqualTo(Effect.NONE);
        assertThat(flow.statusChanged(null, null, s).answer()).isEqualTo(Answer.NOTHING_MORE);
    }

    private BooleanSupplier ask(boolean confirmed) {
        return () -> {
            asked.incrementAndGet();
            return confirmed;
        };
    }

    private static CallSettingsChanged settings(List<String> forwardTo, boolean screened) {
        return new CallSettingsChanged("glow", "+15557654321", "Glow Aesthetics", 17, forwardTo, null, true, screened,
                null, 1, Instant.parse("2026-12-01T10:00:00Z"), null);
    }
}

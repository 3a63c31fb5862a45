package com.mctb.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.contracts.event.CallSettingsChanged;
import com.mctb.contracts.event.CallSettingsChanged.RingPattern;
import com.mctb.contracts.event.CallSettingsChanged.RingTarget;
import com.mctb.contracts.event.DialStatus;
import com.mctb.gateway.domain.CallDecision.Answer;
import com.mctb.gateway.domain.CallDecision.Effect;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Ring patterns in plain Java: the legs a number rings ({@link RingLegs}) and {@link CallFlow#legEnded}. */
class RingPatternFlowTest {

    private final CallFlow flow = new CallFlow();
    private final AtomicInteger rangAsked = new AtomicInteger();

    // ------------------------------------------------------------------------------------------------ RingLegs

    @Test
    void aRecordFromBeforeRingPatternsRingsItsForwardToTogetherForTheTimeout() {
        RingLegs legs = RingLegs.of(settings(null, false, 25, List.of("+15550001111", "client:desk")));

        assertThat(legs.sequential()).isFalse();
        assertThat(legs.legs()).singleElement().satisfies(l -> {
            assertThat(l.numbers()).containsExactly("+15550001111", "client:desk");
            assertThat(l.ringSeconds()).isEqualTo(25);
        });
    }

    @Test
    void aSimultaneousPatternRingsItsTargetsTogether() {
        RingLegs legs = RingLegs.of(settings(new RingPattern(RingPattern.SIMULTANEOUS, List.of(
                new RingTarget("+15550001111", "u1", null), new RingTarget("+15550002222", null, null),
                new RingTarget(null, "u3", null))), false, 20, List.of()));

        assertThat(legs.sequential()).isFalse();
        assertThat(legs.legs()).singleElement().satisfies(l -> {
            assertThat(l.numbers()).containsExactly("+15550001111", "+15550002222");
            assertThat(l.ringSeconds()).isEqualTo(20);
        });
    }

    @Test
    void aLegKnowsWhichOfTheNumbersItRingsAreTeamMembersMobiles() {
        RingLegs.Leg together = RingLegs.of(settings(new RingPattern(RingPattern.SIMULTANEOUS, List.of(
                new RingTarget("+15550001111", "u1", null), new RingTarget("+15550002222", null, null),
                new RingTarget("+15550003333", "u3", null))), false, 20, List.of())).legs().get(0);

        assertThat(together.userId()).as("no one member for a leg that rings several").isNull();
        assertThat(together.memberAt("+15550001111")).isEqualTo("u1");
        assertThat(together.memberAt("+15550003333")).isEqualTo("u3");
        assertThat(together.memberAt("+15550002222")).as("a number, no member's").isNull();
        assertThat(together.memberAt("+15550009999")).as("not rung by this leg").isNull();
        assertThat(together.memberAt(null)).isNull();

        RingLegs.Leg second = RingLegs.of(sequential(30, target("+15550001111", "u1", 10),
                target("+15550002222", "u2", 10))).legs().get(1);
        assertThat(second.memberAt("+15550002222")).isEqualTo("u2");
        assertThat(RingLegs.of(settings(null, false, 20, List.of("+15550001111", "client:desk"))).legs().get(0)
                .memberAt("+15550001111")).as("forwardTo from before ring patterns names no members").isNull();
    }

    @Test
    void aSequentialPatternRingsEachTargetForItsOwnTimeWithinTheCallTimeout() {
        RingLegs legs = RingLegs.of(sequential(30, target("+15550001111", "u1", 12), target(null, "u2", 10),
                target("+15550002222", null, 12), target("+15550003333", "u4", 12)));

        assertThat(legs.sequential()).isTrue();
        assertThat(legs.legs()).extracting(RingLegs.Leg::onlyNumber)
                .containsExactly("+15550001111", "+15550002222", "+15550003333");
        // 12 + 12 + the 6 left of 30: a target is never rung past the call's timeout.
        assertThat(legs.legs()).extracting(RingLegs.Leg::ringSeconds).containsExactly(12, 12, 6);
        assertThat(legs.legs()).extracting(RingLegs.Leg::index).containsExactly(0, 1, 2);
        assertThat(legs.legs().get(0).userId()).isEqualTo("u1");
    }

    @Test
    void aSequentialTargetPastTheCallTimeoutIsNotRung() {
        RingLegs legs = RingLegs.of(sequential(20, target("+15550001111", null, 20), target("+15550002222", null, 10)));

        assertThat(legs.legs()).hasSize(1);
    }

    // ------------------------------------------------------------------------------------------------ the flow

    @Test
    void anIncomingCallRingsTheFirstLegOnly() {
        CallDecision d = flow.incoming(Optional.of(sequential(30, target("+15550001111", "u1", 15),
                target("+15550002222", "u2", 15))));

        assertThat(d.answer()).isEqualTo(Answer.RING);
        assertThat(d.effect()).isEqualTo(Effect.START_RING_CLOCK);
        assertThat(d.ringLeg().index()).isZero();
        assertThat(d.ringLeg().numbers()).containsExactly("+15550001111");
        assertThat(d.ringLeg().ringSeconds()).isEqualTo(15);
    }

    @Test
    void anUnansweredFirstLegRingsTheSecondAndIsNotMissed() {
        CallSettingsChanged s = sequential(30, target("+15550001111", "u1", 15), target("+15550002222", "u2", 15));

        CallDecision d = flow.legEnded(0, "no-answer", Optional.of(s), this::rang, () -> true);

        assertThat(d.answer()).isEqualTo(Answer.RING);
        assertThat(d.effect()).isEqualTo(Effect.NONE);
        assertThat(d.ringLeg().index()).isEqualTo(1);
        assertThat(d.ringLeg().numbers()).containsExactly("+15550002222");
        assertThat(d.legEnded().outcome()).isEqualTo(LegEnded.Outcome.NO_ANSWER);
        assertThat(d.legEnded().leg().index()).isZero();
        assertThat(rangAsked).as("the ring clock is read only when the call is decided").hasValue(0);
    }

    @Test
    void theCallIsMissedOnlyWhenTheLastLegWasNotAnswered() {
        CallSettingsChanged s = sequential(30, target("+15550001111", "u1", 15), target("+15550002222", "u2", 15));

        CallDecision d = flow.legEnded(1, "busy", Optional.of(s), this::rang, () -> true);

        assertThat(d.answer()).isEqualTo(Answer.VOICEMAIL);
        assertThat(d.effect()).isEqualTo(Effect.REPORT_MISSED);
        assertThat(d.dialStatus()).isEqualTo(DialStatus.BUSY);
        assertThat(d.rangSeconds()).isEqualTo(29);
        assertThat(d.legEnded().outcome()).isEqualTo(LegEnded.Outcome.BUSY);
        assertThat(d.legEnded().leg().index()).isEqualTo(1);
    }

    @Test
    void aLegAnsweredByAPersonAnswersTheCall() {
        CallSettingsChanged s = sequential(30, target("+15550001111", "u1", 15), target("+15550002222", "u2", 15));

        CallDecision d = flow.legEnded(1, "completed", Optional.of(s), this::rang, () -> false);

        assertThat(d.answer()).isEqualTo(Answer.NOTHING_MORE);
        assertThat(d.effect()).isEqualTo(Effect.RECORD_ANSWERED);
        assertThat(d.legEnded().outcome()).isEqualTo(LegEnded.Outcome.ANSWERED);
        assertThat(d.legEnded().leg().userId()).isEqualTo("u2");
    }

    @Test
    void aScreenedLegPickedUpWithoutAKeyPressMovesOnToTheNextTarget() {
        CallSettingsChanged s = screened(sequential(30, target("+15550001111", "u1", 15),
                target("+15550002222", "u2", 15)));

        CallDecision first = flow.legEnded(0, "completed", Optional.of(s), this::rang, () -> false);

        assertThat(first.answer()).isEqualTo(Answer.RING);
        assertThat(first.effect()).isEqualTo(Effect.NONE);
        assertThat(first.ringLeg().index()).isEqualTo(1);
        assertThat(first.screened()).isTrue();
        assertThat(first.legEnded().outcome()).isEqualTo(LegEnded.Outcome.UNCONFIRMED);

        CallDecision second = flow.legEnded(1, "completed", Optional.of(s), this::rang, () -> true);
        assertThat(second.effect()).isEqualTo(Effect.RECORD_ANSWERED);
        assertThat(second.legEnded().leg().onlyNumber()).isEqualTo("+15550002222");
    }

    @Test
    void aScreenedLastLegPickedUpWithoutAKeyPressIsMissed() {
        CallSettingsChanged s = screened(sequential(30, target("+15550001111", "u1", 15),
                target("+15550002222", "u2", 15)));

        CallDecision d = flow.legEnded(1, "completed", Optional.of(s), this::rang, () -> false);

        assertThat(d.effect()).isEqualTo(Effect.REPORT_MISSED);
        assertThat(d.dialStatus()).isEqualTo(DialStatus.NO_ANSWER);
        assertThat(d.legEnded().outcome()).isEqualTo(LegEnded.Outcome.UNCONFIRMED);
    }

    @Test
    void aCanceledLegIsTheCallerHangingUpAndEndsThePattern() {
        CallSettingsChanged s = sequential(30, target("+15550001111", "u1", 15), target("+15550002222", "u2", 15));

        CallDecision d = flow.legEnded(0, "canceled", Optional.of(s), this::rang, () -> true);

        assertThat(d.effect()).isEqualTo(Effect.REPORT_MISSED);
        assertThat(d.dialStatus()).isEqualTo(DialStatus.CANCELED);
    }

    @Test
    void aSimultaneousDialIsOneLegWhoseEndDecidesTheCall() {
        CallDecision d = flow.dialEnded("no-answer", Optional.of(settings(null, false, 20, List.of("+15550001111"))),
                20, () -> true);

        assertThat(d.effect()).isEqualTo(Effect.REPORT_MISSED);
        assertThat(d.rangSeconds()).isEqualTo(20);
        assertThat(d.legEnded().leg().index()).isZero();
        assertThat(d.legEnded().outcome()).isEqualTo(LegEnded.Outcome.NO_ANSWER);
    }

    @Test
    void aLegTheSettingsNoLongerHaveIsTheLast() {
        CallSettingsChanged s = sequential(30, target("+15550001111", "u1", 15));

        CallDecision d = flow.legEnded(3, "no-answer", Optional.of(s), this::rang, () -> true);

        assertThat(d.effect()).isEqualTo(Effect.REPORT_MISSED);
        assertThat(d.legEnded().leg().index()).isEqualTo(3);
    }

    @Test
    void aRecordingNumberSaysSo() {
        CallSettingsChanged s = recorded(sequential(30, target("+15550001111", "u1", 15)));

        assertThat(flow.incoming(Optional.of(s)).recorded()).isTrue();
        assertThat(flow.incoming(Optional.of(sequential(30, target("+15550001111", "u1", 15)))).recorded()).isFalse();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Integer rang() {
        rangAsked.incrementAndGet();
        return 29;
    }

    private static RingTarget target(String number, String userId, Integer seconds) {
        return new RingTarget(number, userId, seconds);
    }

    private static CallSettingsChanged sequential(int timeout, RingTarget... targets) {
        return settings(new RingPattern(RingPattern.SEQUENTIAL, List.of(targets)), false, timeout, List.of());
    }

    private static CallSettingsChanged settings(RingPattern pattern, boolean screened, int timeout, List<String> forward) {
        return new CallSettingsChanged("glow", "+15557654321", "Glow", timeout, forward, null, true, screened, null, 1,
                Instant.now(), null, pattern, null);
    }

    private static CallSettingsChanged screened(CallSettingsChanged s) {
        return new CallSettingsChanged(s.accountId(), s.number(), s.businessName(), s.timeoutSeconds(), s.forwardTo(),
                s.callerId(), s.answerOnBridge(), true, s.greetingUrl(), s.version(), s.changedAt(),
                s.twilioAccountSid(), s.ringPattern(), s.recording());
    }

    private static CallSettingsChanged recorded(CallSettingsChanged s) {
        return new CallSettingsChanged(s.accountId(), s.number(), s.businessName(), s.timeoutSeconds(), s.forwardTo(),
                s.callerId(), s.answerOnBridge(), s.humanAnswerConfirmation(), s.greetingUrl(), s.version(),
                s.changedAt(), s.twilioAccountSid(), s.ringPattern(), new CallSettingsChanged.Recording(true,
                        "This call is recorded.", null, 30));
    }
}

package com.mctb.settings.domain.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TwilioRulesTest {

    @Test
    void aPendingAddIsFinishedWhenTwilioHoldsTheNumberAndForgottenWhenNot() {
        assertThat(PendingNumbers.settle(PendingNumbers.Operation.ADD, true)).isEqualTo(PendingNumbers.Settlement.FINISH_ADD);
        assertThat(PendingNumbers.settle(PendingNumbers.Operation.ADD, false)).isEqualTo(PendingNumbers.Settlement.FORGET);
    }

    @Test
    void aPendingReleaseIsDoneWhenTwilioStillHoldsTheNumber() {
        assertThat(PendingNumbers.settle(PendingNumbers.Operation.RELEASE, true))
                .isEqualTo(PendingNumbers.Settlement.FINISH_RELEASE);
        assertThat(PendingNumbers.settle(PendingNumbers.Operation.RELEASE, false))
                .isEqualTo(PendingNumbers.Settlement.FORGET);
    }

    @Test
    void twiliosAnswersAreRefusalsOrUnavailability() {
        assertThat(TwilioOutcome.of(null)).isEqualTo(TwilioOutcome.UNAVAILABLE);
        assertThat(TwilioOutcome.of(503)).isEqualTo(TwilioOutcome.UNAVAILABLE);
        assertThat(TwilioOutcome.of(429)).isEqualTo(TwilioOutcome.UNAVAILABLE);
        assertThat(TwilioOutcome.of(401)).isEqualTo(TwilioOutcome.NOT_AUTHORISED);
        assertThat(TwilioOutcome.of(400)).isEqualTo(TwilioOutcome.REFUSED);
        assertThat(TwilioOutcome.of(404)).isEqualTo(TwilioOutcome.REFUSED);
    }

    @Test
    void aSearchDefaultsToTheUsAndRefusesWhatTwilioCannotTake() {
        assertThat(NumberSearch.of(null, " 415 ", "555")).isEqualTo(new NumberSearch("US", 415, "555"));
        assertThat(NumberSearch.of("ca", null, "")).isEqualTo(new NumberSearch("CA", null, null));
        assertThatThrownBy(() -> NumberSearch.of("USA", "41", "5-5"))
                .isInstanceOfSatisfying(NumberSearch.Invalid.class,
                        e -> assertThat(e.fields()).containsExactly("country", "areaCode", "contains"));
        assertThatThrownBy(() -> NumberSearch.of("US", "055", null)).isInstanceOf(NumberSearch.Invalid.class);
    }

    @Test
    void accountSidsAndSubaccountNames() {
        assertThat(TwilioSids.isAccountSid("AC" + "0a".repeat(16))).isTrue();
        assertThat(TwilioSids.isAccountSid("AC123")).isFalse();
        assertThat(TwilioSids.isAccountSid("PN" + "0".repeat(32))).isFalse();
        assertThat(TwilioSids.isAccountSid(null)).isFalse();
        assertThat(TwilioAccountSource.subaccountName("glow")).isEqualTo("mctb glow");
    }
}

package com.mctb.messaging.sending;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.messaging.twilio.TwilioMessages;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void whatTwilioDidNotTakeIsTriedAgain() {
        assertThat(RetryPolicy.worthRetrying(Refusals.answered(429, 20429))).isTrue();
        assertThat(RetryPolicy.worthRetrying(Refusals.answered(500, 20500))).isTrue();
        assertThat(RetryPolicy.worthRetrying(Refusals.answered(503, null))).isTrue();
        assertThat(RetryPolicy.worthRetrying(Refusals.noConnection())).isTrue();
    }

    @Test
    void anUnansweredRequestIsTriedAgainAfterTheListIsRead() {
        TwilioMessages.Refused silence = Refusals.noAnswer();

        assertThat(silence.outcome()).isEqualTo(TwilioMessages.Outcome.UNKNOWN);
        assertThat(RetryPolicy.worthRetrying(silence)).isTrue();
        assertThat(RetryPolicy.worthRetrying(TwilioMessages.Refused.stillUnknown(Refusals.answered(401, 20003))))
                .as("the list could not be read: still unknown, so asked again later").isTrue();
    }

    @Test
    void aFinalRefusalAndAnythingElseAreNotRetried() {
        assertThat(RetryPolicy.worthRetrying(Refusals.answered(400, 21211))).as("invalid To").isFalse();
        assertThat(RetryPolicy.worthRetrying(Refusals.answered(400, 21610))).as("unsubscribed").isFalse();
        assertThat(RetryPolicy.worthRetrying(Refusals.answered(400, 63016))).as("WhatsApp session").isFalse();
        assertThat(RetryPolicy.worthRetrying(new IllegalStateException("a bug"))).isFalse();
    }

    @Test
    void retriesAreCountedByABoundedReason() {
        assertThat(RetryPolicy.reason(Refusals.answered(429, 20429))).isEqualTo("429");
        assertThat(RetryPolicy.reason(Refusals.answered(502, null))).isEqualTo("5xx");
        assertThat(RetryPolicy.reason(Refusals.noAnswer())).isEqualTo("timeout");
        assertThat(RetryPolicy.reason(Refusals.noConnection())).isEqualTo("connection");
        assertThat(RetryPolicy.reason(new RuntimeException())).isEqualTo("other");
    }
}

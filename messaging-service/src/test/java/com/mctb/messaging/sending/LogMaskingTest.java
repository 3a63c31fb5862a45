package com.mctb.messaging.sending;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogMaskingTest {

    @Test
    void phoneNumbersInTwiliosMessagesAreMaskedForTheLog() {
        assertThat(MessageOutcomes.masked("The 'To' number +15550009999 is not a valid phone number."))
                .isEqualTo("The 'To' number +1555*****99 is not a valid phone number.");
        assertThat(MessageOutcomes.masked("Attempt to send to unsubscribed recipient")).isEqualTo(
                "Attempt to send to unsubscribed recipient");
        assertThat(MessageOutcomes.masked(null)).isNull();
    }
}

package com.mctb.contracts.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    @Test
    void normalisesNationalAndFormattedNumbersToE164() {
        assertThat(PhoneNumbers.toE164("(555) 123-0001", "US")).contains("+15551230001");
        assertThat(PhoneNumbers.toE164("+1 555 123 0001")).contains("+15551230001");
        assertThat(PhoneNumbers.toE164("+44 20 7946 0958")).contains("+442079460958");
    }

    @ParameterizedTest
    @ValueSource(strings = {"anonymous", "Anonymous", "+266696687", "", "  ", "restricted"})
    void withheldCallerIdsAreRecognised(String raw) {
        assertThat(PhoneNumbers.isWithheld(raw)).isTrue();
        assertThat(PhoneNumbers.toE164(raw, "US")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "+1", "12", "+1555123000199999"})
    void whatIsNotAPhoneNumberHasNoE164(String raw) {
        assertThat(PhoneNumbers.toE164(raw, "US")).isEmpty();
    }

    @Test
    void maskHidesTheMiddleDigits() {
        assertThat(PhoneNumbers.mask("+15551230001")).isEqualTo("+1555*****01");
        assertThat(PhoneNumbers.mask(null)).isEqualTo("null");
    }
}

package com.mctb.messaging.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecipientCountriesTest {

    private static final String US_NUMBER = "+14155550101";
    private static final String CA_NUMBER = "+16135550123";
    private static final String UK_MOBILE = "+447700900123";

    @Test
    void byDefaultTheCountriesOfTheAccountsOwnNumbers() {
        RecipientCountries allowed = RecipientCountries.of(null, List.of(US_NUMBER, "+15557654321"), null);

        assertThat(allowed.source()).isEqualTo(RecipientCountries.Source.DEFAULT);
        assertThat(allowed.countries()).containsExactly("US");
        assertThat(allowed.refusal("+12125550199")).isEmpty();
        assertThat(allowed.refusal(UK_MOBILE)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("GB (United Kingdom)").contains("US").contains("its own numbers"));
        // +1 is shared: Canada is another country.
        assertThat(allowed.refusal(CA_NUMBER)).hasValueSatisfying(reason -> assertThat(reason).contains("CA (Canada)"));
    }

    @Test
    void theFictional555NumbersAreInTheirCallingCodesMainCountry() {
        assertThat(RecipientCountries.countryOf("+15557654321")).contains("US");
        assertThat(RecipientCountries.countryOf(UK_MOBILE)).contains("GB");
        assertThat(RecipientCountries.countryOf("not a number")).isEmpty();
    }

    @Test
    void anAccountWhoseNumbersAreNotKnownMayTextTheCountryItSendsFrom() {
        RecipientCountries allowed = RecipientCountries.of(null, List.of(), "+15557654321");

        assertThat(allowed.countries()).containsExactly("US");
        assertThat(RecipientCountries.of(null, List.of(), null).refusal(US_NUMBER)).isPresent();
    }

    @Test
    void thePlansListReplacesTheDefault() {
        RecipientCountries allowed = RecipientCountries.of(List.of("us", "CA"), List.of(US_NUMBER), null);

        assertThat(allowed.source()).isEqualTo(RecipientCountries.Source.PLAN);
        assertThat(allowed.countries()).containsExactly("CA", "US");
        assertThat(allowed.refusal(CA_NUMBER)).isEmpty();
        assertThat(allowed.refusal(UK_MOBILE)).hasValueSatisfying(r -> assertThat(r).contains("its plan"));
        assertThat(RecipientCountries.of(List.of(), List.of(US_NUMBER), null).refusal(US_NUMBER))
                .hasValueSatisfying(r -> assertThat(r).contains("no country"));
    }

    @Test
    void codesThatAreNotCountriesAreNamed() {
        assertThat(RecipientCountries.unknownCodes(List.of("US", "gb", "XX", "USA"))).containsExactly("XX", "USA");
    }
}

package com.mctb.messaging.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.mctb.contracts.event.MessageAccepted;
import com.mctb.contracts.event.MessageRejected;
import com.mctb.messaging.domain.MessageStatus;
import com.mctb.messaging.support.Database;
import com.mctb.messaging.support.Texts;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestTokens;
import com.mctb.testkit.TwilioStandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The countries an account may text: by default those of its own numbers, otherwise the operator's list; a text to
 * another country is rejected with COUNTRY_NOT_ALLOWED, naming the country, and Twilio is never asked.
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class RecipientCountriesFlowTest {

    private static final String ACCOUNT = "acct-countries";
    private static final String NUMBER = "+15557650020";
    private static final String UK_MOBILE = "+447700900123";
    private static final String CANADA = "+16135550123";

    @BeforeEach
    void profile() {
        TwilioStandInResource.standIn().reset();
        Texts.profile(ACCOUNT, "Border Spa", "America/New_York", NUMBER);
        Database.awaitNumberOf(ACCOUNT, NUMBER);
    }

    @Test
    void byDefaultTheAccountTextsOnlyTheCountriesOfItsNumbersAndAnotherIsRejectedBeforeTwilio() {
        TestTokens.as(ACCOUNT).get(path(ACCOUNT)).then().statusCode(200)
                .body("countries", contains("US")).body("source", equalTo("DEFAULT"));

        Texts.send(Texts.from(Texts.sms("cmd-cty-1", ACCOUNT, UK_MOBILE, "Hello from abroad?"), NUMBER));

        MessageRejected rejected = Texts.event(MessageRejected.class, "cmd-cty-1");
        assertThat(rejected.reason()).isEqualTo(MessageRejected.Reason.COUNTRY_NOT_ALLOWED);
        assertThat(rejected.detail()).contains("GB (United Kingdom)").contains("US");
        assertThat(Database.status("cmd-cty-1")).isEqualTo(MessageStatus.REJECTED);
        Texts.send(Texts.from(Texts.sms("cmd-cty-2", ACCOUNT, "+15554560020", "At home"), NUMBER));
        Texts.event(MessageAccepted.class, "cmd-cty-2");
        assertThat(Texts.sentTo(UK_MOBILE)).isEmpty();
        assertThat(TwilioStandInResource.standIn().apiRequests())
                .noneMatch(r -> String.valueOf(r.params().get("To")).contains(UK_MOBILE));
    }

    @Test
    void anOperatorSetsThePlansCountriesATenantCannot() {
        String account = ACCOUNT + "-plan";
        Texts.profile(account, "Plan Spa", "America/New_York", "+15557650021");
        Database.awaitNumberOf(account, "+15557650021");

        TestTokens.as(account).contentType("application/json").body(Map.of("countries", List.of("US", "GB")))
                .put(path(account)).then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("only an operator"));
        operator().contentType("application/json").body(Map.of("countries", List.of("us", "CA")))
                .put(path(account)).then().statusCode(200)
                .body("countries", contains("CA", "US")).body("source", equalTo("PLAN"));
        TestTokens.as(account).get(path(account)).then().statusCode(200).body("countries", contains("CA", "US"));

        Texts.send(Texts.from(Texts.sms("cmd-cty-3", account, CANADA, "Bonjour"), "+15557650021"));
        Texts.event(MessageAccepted.class, "cmd-cty-3");
        Texts.send(Texts.from(Texts.sms("cmd-cty-4", account, UK_MOBILE, "Hello"), "+15557650021"));
        assertThat(Texts.event(MessageRejected.class, "cmd-cty-4").detail()).contains("GB").contains("its plan");

        Map<String, Object> backToDefault = new HashMap<>();
        backToDefault.put("countries", null);
        operator().contentType("application/json").body(backToDefault).put(path(account)).then().statusCode(200)
                .body("countries", contains("US")).body("source", equalTo("DEFAULT"));
    }

    @Test
    void unknownCountryCodesAreABadRequestNamingThem() {
        operator().contentType("application/json").body(Map.of("countries", List.of("US", "XX")))
                .put(path(ACCOUNT)).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("XX")).body("errors[0].field", equalTo("countries"));
        TestTokens.as("someone-else").get(path(ACCOUNT)).then().statusCode(403);
        RestAssured.get(path(ACCOUNT)).then().statusCode(401);
    }

    private static String path(String account) {
        return "/api/accounts/" + account + "/recipient-countries";
    }

    private static RequestSpecification operator() {
        return RestAssured.given().auth().oauth2(TestTokens.admin());
    }
}

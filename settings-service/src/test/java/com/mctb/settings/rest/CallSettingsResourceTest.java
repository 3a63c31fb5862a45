package com.mctb.settings.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.mctb.contracts.Topics;
import com.mctb.contracts.event.BusinessProfileChanged;
import com.mctb.contracts.event.CallSettingsChanged;
import com.mctb.settings.testing.Fixtures;
import com.mctb.settings.testing.TwilioStandIn;
import com.mctb.settings.testing.WorkflowServiceStandIn;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(WorkflowServiceStandIn.class)
@WithTestResource(TwilioStandIn.class)
class CallSettingsResourceTest {

    @Test
    void savedSettingsAreServedAndPublishedAsEachNumbersEffectiveSettings() {
        Fixtures.account("radiance", "Glow Aesthetics");
        Fixtures.number("radiance", "+15557654331");
        TestTokens.as("radiance").get("/api/accounts/radiance/numbers/+15557654331").then().statusCode(200)
                .body("isDefault", equalTo(true));

        TestTokens.as("radiance").contentType(ContentType.JSON)
                .body(Map.of("timeoutSeconds", 15, "forwardTo", List.of("+15550001111")))
                .put("/api/accounts/radiance/call-settings")
                .then().statusCode(200)
                .body("level", equalTo("ACCOUNT"))
                .body("timeoutSeconds", equalTo(15))
                .body("forwardTo", contains("+15550001111"))
                .body("warnings", empty());
        TestTokens.as("radiance").get("/api/accounts/radiance/call-settings").then().statusCode(200).body("timeoutSeconds", equalTo(15));

        CallSettingsChanged latest = Fixtures.latest(Topics.SETTINGS_CALL, "radiance/+15557654331", CallSettingsChanged.class,
                s -> s.timeoutSeconds() == 15);
        assertThat(latest.accountId()).isEqualTo("radiance");
        assertThat(latest.number()).isEqualTo("+15557654331");
        assertThat(latest.businessName()).isEqualTo("Glow Aesthetics");
        assertThat(latest.forwardTo()).containsExactly("+15550001111");
        assertThat(latest.answerOnBridge()).isTrue();
        assertThat(latest.humanAnswerConfirmation()).isFalse();
        assertThat(latest.greetingUrl()).isNull();

        BusinessProfileChanged profile = Fixtures.latest(Topics.SETTINGS_BUSINESS, "radiance", BusinessProfileChanged.class,
                p -> p.numbers().contains("+15557654331"));
        assertThat(profile.businessName()).isEqualTo("Glow Aesthetics");
        assertThat(profile.numbers()).containsExactly("+15557654331");
        assertThat(profile.defaultNumber()).isEqualTo("+15557654331");
    }

    /**
     * Account 18 s to the office line; Dana (a user) 15 s; Dana's number rings her mobile and screens for a person;
     * the front desk number is nobody's. Each field comes from the most specific level that sets it.
     */
    @Test
    void eachLevelTakesPrecedenceFieldByFieldNumberThenUserThenAccountThenSystem() {
        Fixtures.account("levels", "Levels Spa");
        Fixtures.user("levels", "dana", "Dana Reyes");
        Fixtures.number("levels", "+15551110001", "dana");
        Fixtures.number("levels", "+15551110002");
        Fixtures.callSettings("levels", "call-settings", Map.of("timeoutSeconds", 18, "forwardTo", List.of("+15550009999"),
                "answerOnBridge", false));
        Fixtures.callSettings("levels", "users/dana/call-settings", Map.of("timeoutSeconds", 15, "callerId", "+15551110002"));
        Fixtures.callSettings("levels", "numbers/+15551110001/call-settings", Map.of("forwardTo", List.of("+15550002222"),
                "humanAnswerConfirmation", true));

        TestTokens.as("levels").queryParam("number", "+15551110001")
                .get("/api/accounts/levels/call-settings/effective")
                .then().statusCode(200)
                .body("number", equalTo("+15551110001"))
                .body("userId", equalTo("dana"))
                .body("timeoutSeconds.value", equalTo(15)).body("timeoutSeconds.source", equalTo("USER"))
                .body("forwardTo.value", contains("+15550002222")).body("forwardTo.source", equalTo("NUMBER"))
                .body("callerId.value", equalTo("+15551110002")).body("callerId.source", equalTo("USER"))
                .body("answerOnBridge.value", equalTo(false)).body("answerOnBridge.source", equalTo("ACCOUNT"))
                .body("humanAnswerConfirmation.value", equalTo(true)).body("humanAnswerConfirmation.source", equalTo("NUMBER"))
                .body("greeting.value", nullValue()).body("greeting.source", equalTo("SYSTEM"));
        TestTokens.as("levels").queryParam("number", "+15551110002")
                .get("/api/accounts/levels/call-settings/effective")
                .then().statusCode(200)
                .body("userId", nullValue())
                .body("timeoutSeconds.value", equalTo(18)).body("timeoutSeconds.source", equalTo("ACCOUNT"))
                .body("callerId.value", nullValue()).body("callerId.source", equalTo("SYSTEM"))
                .body("humanAnswerConfirmation.value", equalTo(false)).body("humanAnswerConfirmation.source", equalTo("SYSTEM"));
        // Asking for the unassigned number as Dana would answer it: her settings take part.
        TestTokens.as("levels").queryParam("number", "+15551110002").queryParam("user", "dana")
                .get("/api/accounts/levels/call-settings/effective")
                .then().statusCode(200)
                .body("timeoutSeconds.value", equalTo(15)).body("timeoutSeconds.source", equalTo("USER"));
        TestTokens.as("levels").get("/api/accounts/levels/call-settings/effective")
                .then().statusCode(200)
                .body("number", nullValue())
                .body("timeoutSeconds.value", equalTo(18)).body("timeoutSeconds.source", equalTo("ACCOUNT"))
                .body("answerOnBridge.value", equalTo(false));

        CallSettingsChanged danas = Fixtures.latest(Topics.SETTINGS_CALL, "levels/+15551110001", CallSettingsChanged.class,
                s -> s.humanAnswerConfirmation());
        assertThat(danas.timeoutSeconds()).isEqualTo(15);
        assertThat(danas.forwardTo()).containsExactly("+15550002222");
        assertThat(danas.callerId()).isEqualTo("+15551110002");
        assertThat(danas.answerOnBridge()).isFalse();
        CallSettingsChanged frontDesk = Fixtures.latest(Topics.SETTINGS_CALL, "levels/+15551110002",
                CallSettingsChanged.class, s -> s.version() == danas.version());
        assertThat(frontDesk.timeoutSeconds()).isEqualTo(18);
        assertThat(frontDesk.forwardTo()).containsExactly("+15550009999");
        assertThat(frontDesk.humanAnswerConfirmation()).isFalse();
    }

    @Test
    void aLevelThatSetsNothingInheritsAgain() {
        Fixtures.account("inherit", "Inherit");
        Fixtures.number("inherit", "+15551120001");
        Fixtures.callSettings("inherit", "call-settings", Map.of("timeoutSeconds", 12));
        Fixtures.callSettings("inherit", "numbers/+15551120001/call-settings", Map.of("timeoutSeconds", 25));
        TestTokens.as("inherit").get("/api/accounts/inherit/numbers/+15551120001/call-settings")
                .then().statusCode(200).body("level", equalTo("NUMBER")).body("timeoutSeconds", equalTo(25))
                .body("forwardTo", nullValue()).body("warnings", hasSize(1));

        Fixtures.callSettings("inherit", "numbers/+15551120001/call-settings", new HashMap<>());

        TestTokens.as("inherit").get("/api/accounts/inherit/numbers/+15551120001/call-settings")
                .then().statusCode(200).body("timeoutSeconds", nullValue());
        TestTokens.as("inherit").queryParam("number", "+15551120001").get("/api/accounts/inherit/call-settings/effective")
                .then().statusCode(200).body("timeoutSeconds.value", equalTo(12))
                .body("timeoutSeconds.source", equalTo("ACCOUNT"));
        assertThat(Fixtures.latest(Topics.SETTINGS_CALL, "inherit/+15551120001", CallSettingsChanged.class,
                s -> s.timeoutSeconds() == 12).timeoutSeconds()).isEqualTo(12);
    }

    @Test
    void aTimeoutAboveTwentyIsAcceptedWithAWarningAtAnyLevel() {
        Fixtures.account("slowring", "Slow Ring Salon");
        Fixtures.user("slowring", "sam", "Sam");

        TestTokens.as("slowring").contentType(ContentType.JSON).body(Map.of("timeoutSeconds", 30))
                .put("/api/accounts/slowring/call-settings")
                .then().statusCode(200)
                .body("timeoutSeconds", equalTo(30))
                .body("warnings", hasSize(1))
                .body("warnings[0]", containsString("10–20 seconds is recommended"));
        TestTokens.as("slowring").contentType(ContentType.JSON).body(Map.of("timeoutSeconds", 45))
                .put("/api/accounts/slowring/users/sam/call-settings")
                .then().statusCode(200).body("warnings[0]", containsString("voicemail"));
        TestTokens.as("slowring").queryParam("user", "sam").get("/api/accounts/slowring/call-settings/effective")
                .then().statusCode(200).body("warnings", hasSize(1));
    }

    @Test
    void aNinetySecondTimeoutIsRefusedNamingTheField() {
        Fixtures.account("ninety", "Ninety");
        Fixtures.number("ninety", "+15551130001");

        for (String level : List.of("call-settings", "numbers/+15551130001/call-settings")) {
            TestTokens.as("ninety").contentType(ContentType.JSON).body(Map.of("timeoutSeconds", 90))
                    .put("/api/accounts/ninety/" + level)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem("timeoutSeconds"))
                    .body("detail", containsString("between 5 and 60 seconds"));
        }
        TestTokens.as("ninety").contentType(ContentType.JSON).body(Map.of("timeoutSeconds", 4))
                .put("/api/accounts/ninety/call-settings").then().statusCode(400);
    }

    @Test
    void badInputIsA400WithTheReason() {
        Fixtures.account("badinput", "Bad Input");
        Fixtures.number("badinput", "+15551140001");

        TestTokens.as("badinput").contentType(ContentType.JSON).body("{\"timeoutSeconds\": \"soon\"}")
                .put("/api/accounts/badinput/call-settings")
                .then().statusCode(400).body("detail", containsString("timeoutSeconds"));
        TestTokens.as("badinput").contentType(ContentType.JSON).body("{}")
                .put("/api/accounts/badinput/call-settings")
                .then().statusCode(400).body("errors.field", hasItem("timeoutSeconds"));
        TestTokens.as("badinput").contentType(ContentType.JSON).body(Map.of("timeoutSeconds", 15, "forwardTo", List.of("555-1234")))
                .put("/api/accounts/badinput/call-settings")
                .then().statusCode(400).body("errors.field", hasItem("forwardTo[0]"));
        TestTokens.as("badinput").contentType(ContentType.JSON).body("not json")
                .put("/api/accounts/badinput/call-settings")
                .then().statusCode(400);
        TestTokens.as("badinput").contentType(ContentType.JSON).body(Map.of("businessName", "X", "timeZone", "Mars/Olympus"))
                .put("/api/accounts/badinput")
                .then().statusCode(400).body("errors.field", hasItem("timeZone"));
        TestTokens.as("badinput").put("/api/accounts/badinput/numbers/hello").then().statusCode(400)
                .body("detail", containsString("E.164")).body("errors.field", hasItem("number"));
        TestTokens.as("badinput").contentType(ContentType.JSON).body(Map.of("callerId", "12345"))
                .put("/api/accounts/badinput/numbers/+15551140001/call-settings")
                .then().statusCode(400).body("errors.field", hasItem("callerId"));
        TestTokens.as("badinput").queryParam("number", "nope").get("/api/accounts/badinput/call-settings/effective")
                .then().statusCode(400).body("errors.field", hasItem("number"));
    }

    @Test
    void humanAnswerConfirmationIsSetPerNumberOnly() {
        Fixtures.account("screening", "Screening");
        Fixtures.user("screening", "ana", "Ana");

        for (String level : List.of("call-settings", "users/ana/call-settings")) {
            TestTokens.as("screening").contentType(ContentType.JSON)
                    .body(Map.of("timeoutSeconds", 15, "humanAnswerConfirmation", true))
                    .put("/api/accounts/screening/" + level)
                    .then().statusCode(400).body("errors.field", hasItem("humanAnswerConfirmation"));
        }
    }

    @Test
    void aCallerIdMustBeOneOfTheAccountsNumbersAndGoesWithTheNumber() {
        Fixtures.account("callerid", "Caller Id");
        Fixtures.number("callerid", "+15551150001");
        Fixtures.number("callerid", "+15551150002");

        TestTokens.as("callerid").contentType(ContentType.JSON).body(Map.of("timeoutSeconds", 15, "callerId", "+15559990000"))
                .put("/api/accounts/callerid/call-settings")
                .then().statusCode(400).body("errors.field", hasItem("callerId"))
                .body("detail", containsString("one of the account's numbers"));
        Fixtures.callSettings("callerid", "call-settings", Map.of("timeoutSeconds", 15, "callerId", "+15551150002"));

        TestTokens.as("callerid").delete("/api/accounts/callerid/numbers/+15551150002").then().statusCode(204);

        TestTokens.as("callerid").get("/api/accounts/callerid/call-settings").then().statusCode(200)
                .body("callerId", nullValue());
    }

    @Test
    void anUnknownAccountUserOrNumberIsA404() {
        TestTokens.as("nobody").get("/api/accounts/nobody/call-settings").then().statusCode(404);
        TestTokens.as("nobody").contentType(ContentType.JSON).body(Map.of("timeoutSeconds", 15))
                .put("/api/accounts/nobody/call-settings").then().statusCode(404);
        Fixtures.account("somebody", "Somebody");
        TestTokens.as("somebody").get("/api/accounts/somebody/users/ghost/call-settings").then().statusCode(404);
        TestTokens.as("somebody").get("/api/accounts/somebody/numbers/+15551160009/call-settings").then().statusCode(404);
        TestTokens.as("somebody").queryParam("user", "ghost").get("/api/accounts/somebody/call-settings/effective")
                .then().statusCode(404);
    }

    @Test
    void aNumberBelongsToOneAccountAndAnotherAccountCannotReachItsSettings() {
        Fixtures.account("first", "First");
        Fixtures.account("second", "Second");
        Fixtures.number("first", "+15558880001");

        TestTokens.as("second").contentType(ContentType.JSON).body(Map.of("phoneNumber", "+15558880001"))
                .post("/api/accounts/second/numbers").then().statusCode(409)
                .body("detail", containsString("another account")).body("detail", containsString("+15558880001"));
        TestTokens.as("second").put("/api/accounts/second/numbers/+15558880001").then().statusCode(404)
                .body("detail", containsString("add it with POST /api/accounts/second/numbers"));
        TestTokens.as("second").get("/api/accounts/second/numbers/+15558880001").then().statusCode(404);
        TestTokens.as("second").get("/api/accounts/second/numbers/+15558880001/call-settings").then().statusCode(404);
        TestTokens.as("second").contentType(ContentType.JSON).body(Map.of("timeoutSeconds", 9))
                .put("/api/accounts/second/numbers/+15558880001/call-settings").then().statusCode(404);
        TestTokens.as("second").queryParam("number", "+15558880001").get("/api/accounts/second/call-settings/effective")
                .then().statusCode(404);
        TestTokens.as("second").delete("/api/accounts/second/numbers/+15558880001").then().statusCode(404);
        TestTokens.as("first").get("/api/accounts/first/numbers/+15558880001").then().statusCode(200);
    }

    @Test
    void removingANumberTombstonesItsKeyAndForgetsItsSettings() {
        Fixtures.account("removal", "Removal");
        Fixtures.number("removal", "+15551170001");
        Fixtures.number("removal", "+15551170002");
        Fixtures.callSettings("removal", "numbers/+15551170001/call-settings", Map.of("timeoutSeconds", 11));

        TestTokens.as("removal").delete("/api/accounts/removal/numbers/+15551170001").then().statusCode(204);

        assertThat(Fixtures.recordsUnder(Topics.SETTINGS_CALL, "removal/+15551170001", r -> r.value() == null))
                .last().extracting(r -> r.value()).isNull();
        TestTokens.as("removal").get("/api/accounts/removal").then().statusCode(200)
                .body("numbers", contains("+15551170002")).body("defaultNumber", equalTo("+15551170002"));
        Fixtures.number("removal", "+15551170001");
        TestTokens.as("removal").get("/api/accounts/removal/numbers/+15551170001/call-settings").then().statusCode(200)
                .body("timeoutSeconds", nullValue());
    }

    @Test
    void everyCommittedChangeIsCountedByKind() {
        Fixtures.account("counting", "Counting");
        double callSettings = published("call-settings");
        double numbers = published("number");

        Fixtures.callSettings("counting", "call-settings", Map.of("timeoutSeconds", 14));
        Fixtures.number("counting", "+15551180001");
        TestTokens.as("counting").contentType(ContentType.JSON).body(Map.of("timeoutSeconds", 99))
                .put("/api/accounts/counting/call-settings").then().statusCode(400);

        assertThat(published("call-settings")).isEqualTo(callSettings + 1);
        assertThat(published("number")).isEqualTo(numbers + 1);
    }

    private static double published(String kind) {
        return io.restassured.RestAssured.given().get("/q/metrics").asString().lines()
                .filter(l -> l.startsWith("mctb_settings_changes_published_total{") && l.contains("kind=\"" + kind + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }
}

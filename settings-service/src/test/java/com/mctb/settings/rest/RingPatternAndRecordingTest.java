package com.mctb.settings.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.mctb.contracts.Topics;
import com.mctb.contracts.event.CallSettingsChanged;
import com.mctb.contracts.event.CallSettingsChanged.RingTarget;
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
class RingPatternAndRecordingTest {

    private static final String NUMBER = "+15551190001";
    private static final String OTHER_NUMBER = "+15551190002";

    private static Map<String, Object> sequential(Map<?, ?>... targets) {
        return Map.of("mode", "SEQUENTIAL", "targets", List.of(targets));
    }

    @Test
    void aSequentialPatternWithAMemberIsSavedAndPublishedWithTheMembersMobileAndItsSources() {
        Fixtures.account("ringing", "Ringing Spa");
        TestTokens.as("ringing").contentType(ContentType.JSON)
                .body(Map.of("name", "Ava", "mobile", "(555) 000-9999"))
                .put("/api/accounts/ringing/users/ava").then().statusCode(201);
        Fixtures.number("ringing", NUMBER);
        Fixtures.callSettings("ringing", "call-settings", Map.of("timeoutSeconds", 20, "recordingRetentionDays", 30));

        TestTokens.as("ringing").contentType(ContentType.JSON)
                .body(Map.of("ringPattern", sequential(Map.of("number", "(555) 000-1111", "ringSeconds", 10),
                                Map.of("userId", "ava", "ringSeconds", 10)),
                        "recordCalls", true, "consentText", "This call is recorded for training."))
                .put("/api/accounts/ringing/numbers/" + NUMBER + "/call-settings")
                .then().statusCode(200)
                .body("ringPattern.mode", equalTo("SEQUENTIAL"))
                .body("ringPattern.targets.number", contains("+15550001111", null))
                .body("ringPattern.targets.userId", contains(null, "ava"))
                .body("ringPattern.targets.ringSeconds", contains(10, 10))
                .body("recordCalls", equalTo(true));

        TestTokens.as("ringing").queryParam("number", NUMBER).get("/api/accounts/ringing/call-settings/effective")
                .then().statusCode(200)
                .body("ringPattern.source", equalTo("NUMBER"))
                .body("ringPattern.value.mode", equalTo("SEQUENTIAL"))
                .body("recordCalls.value", equalTo(true)).body("recordCalls.source", equalTo("NUMBER"))
                .body("consentText.value", equalTo("This call is recorded for training."))
                .body("consentText.source", equalTo("NUMBER"))
                .body("recordingRetentionDays.value", equalTo(30)).body("recordingRetentionDays.source", equalTo("ACCOUNT"))
                .body("ringingSecondsBeforeVoicemail", equalTo(20));
        TestTokens.as("ringing").get("/api/accounts/ringing/call-settings/effective")
                .then().statusCode(200)
                .body("ringPattern.source", equalTo("SYSTEM")).body("ringPattern.value.mode", equalTo("SIMULTANEOUS"))
                .body("recordCalls.value", equalTo(false)).body("recordCalls.source", equalTo("SYSTEM"));

        CallSettingsChanged published = Fixtures.latest(Topics.SETTINGS_CALL, "ringing/" + NUMBER,
                CallSettingsChanged.class, s -> s.ringPattern() != null && "SEQUENTIAL".equals(s.ringPattern().mode()));
        assertThat(published.ringPattern().targets()).containsExactly(new RingTarget("+15550001111", null, 10),
                new RingTarget("+15550009999", "ava", 10));
        assertThat(published.recording()).isEqualTo(new CallSettingsChanged.Recording(true,
                "This call is recorded for training.", null, 30));
        CallSettingsChanged accountWide = Fixtures.latest(Topics.SETTINGS_CALL, "ringing", CallSettingsChanged.class,
                s -> s.version() == published.version());
        assertThat(accountWide.ringPattern().mode()).isEqualTo("SIMULTANEOUS");
        assertThat(accountWide.recording().enabled()).isFalse();
        assertThat(accountWide.recording().consentText()).isEqualTo("This call may be recorded.");
    }

    @Test
    void eachBadInputIsA400NamingTheFieldAndNothingIsSaved() {
        Fixtures.account("badring", "Bad Ring");
        TestTokens.as("badring").contentType(ContentType.JSON).body(Map.of("name", "Lee", "mobile", "+15550004444"))
                .put("/api/accounts/badring/users/lee").then().statusCode(201);
        Fixtures.user("badring", "kim", "Kim");
        Fixtures.number("badring", OTHER_NUMBER);
        Fixtures.callSettings("badring", "call-settings", Map.of("timeoutSeconds", 20));
        String path = "/api/accounts/badring/numbers/" + OTHER_NUMBER + "/call-settings";
        Map<String, Map<String, Object>> cases = new java.util.LinkedHashMap<>();
        cases.put("ringPattern.targets[0].number", Map.of("ringPattern",
                Map.of("mode", "SIMULTANEOUS", "targets", List.of(Map.of("number", "front desk")))));
        cases.put("ringPattern.targets[0].userId", Map.of("ringPattern",
                Map.of("mode", "SIMULTANEOUS", "targets", List.of(Map.of("userId", "ghost")))));
        cases.put("ringPattern.targets[1]", Map.of("ringPattern", sequential(
                Map.of("userId", "lee", "ringSeconds", 5), Map.of("userId", "lee", "ringSeconds", 5))));
        cases.put("ringPattern.targets[0].ringSeconds", Map.of("ringPattern", sequential(
                Map.of("number", "+15550001111", "ringSeconds", 4))));
        cases.put("ringPattern.targets", Map.of("ringPattern", sequential(
                Map.of("number", "+15550001111", "ringSeconds", 15), Map.of("userId", "lee", "ringSeconds", 10))));
        // A member with no mobile cannot be rung; a member and their own mobile are the same phone twice.
        cases.put("ringPattern.targets[0].userId ", Map.of("ringPattern", sequential(
                Map.of("userId", "kim", "ringSeconds", 5))));
        cases.put("ringPattern.targets[1]  ", Map.of("ringPattern", sequential(
                Map.of("number", "(555) 000-4444", "ringSeconds", 5), Map.of("userId", "lee", "ringSeconds", 5))));
        cases.put("ringPattern.mode", Map.of("ringPattern", Map.of("mode", "ROUND_ROBIN", "targets", List.of())));
        Map<String, Object> overOwnTimeout = new HashMap<>(Map.of("timeoutSeconds", 12));
        overOwnTimeout.put("ringPattern", sequential(Map.of("number", "+15550001111", "ringSeconds", 15)));
        cases.put("ringPattern.targets[0].ringSeconds ", overOwnTimeout);
        for (Map.Entry<String, Map<String, Object>> bad : cases.entrySet()) {
            TestTokens.as("badring").contentType(ContentType.JSON).body(bad.getValue()).put(path)
                    .then().statusCode(400).body("errors.field", hasItem(bad.getKey().strip()));
        }
        TestTokens.as("badring").contentType(ContentType.JSON).body(Map.of("ringPattern", sequential(
                        Map.of("number", "+15550001111", "ringSeconds", 15), Map.of("userId", "lee", "ringSeconds", 10))))
                .put(path).then().statusCode(400).body("detail", containsString("call timeout"));
        TestTokens.as("badring").contentType(ContentType.JSON).body(Map.of("recordCalls", true))
                .put("/api/accounts/badring/call-settings").then().statusCode(400)
                .body("errors.field", hasItem("recordCalls"));
        TestTokens.as("badring").contentType(ContentType.JSON).body(Map.of("recordingRetentionDays", 30))
                .put(path).then().statusCode(400).body("errors.field", hasItem("recordingRetentionDays"));

        TestTokens.as("badring").get(path).then().statusCode(200)
                .body("ringPattern", nullValue()).body("recordCalls", nullValue()).body("timeoutSeconds", nullValue());
    }

    private static int timeoutOf(String published) {
        return com.mctb.contracts.json.EventJson.decode(published, CallSettingsChanged.class).timeoutSeconds();
    }

    private static io.restassured.response.ValidatableResponse put(String accountId, String levelPath,
            Map<String, ?> body) {
        return TestTokens.as(accountId).contentType(ContentType.JSON).body(body)
                .put("/api/accounts/" + accountId + "/" + levelPath).then();
    }

    /**
     * The account's timeout lowered under patterns that inherit it — a number's own, a user's own: a 400 naming
     * timeoutSeconds and each number (or user) with its ring times added up; nothing saved or published.
     */
    @Test
    void aShorterAccountTimeoutUnderAnInheritingPatternIsA400NamingTheTimeoutAndTheNumbersAndNothingIsSaved() {
        Fixtures.account("shorter", "Shorter Spa");
        TestTokens.as("shorter").contentType(ContentType.JSON).body(Map.of("name", "Dana", "mobile", "+15550007777"))
                .put("/api/accounts/shorter/users/dana").then().statusCode(201);
        Fixtures.number("shorter", "+15551191001");
        Fixtures.number("shorter", "+15551191002");
        Fixtures.callSettings("shorter", "call-settings", Map.of("timeoutSeconds", 25));
        Fixtures.callSettings("shorter", "numbers/+15551191001/call-settings", Map.of("ringPattern", sequential(
                Map.of("number", "+15550001111", "ringSeconds", 10), Map.of("userId", "dana", "ringSeconds", 10))));
        Fixtures.callSettings("shorter", "users/dana/call-settings", Map.of("ringPattern", sequential(
                Map.of("userId", "dana", "ringSeconds", 18))));

        put("shorter", "call-settings", Map.of("timeoutSeconds", 15)).statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("timeoutSeconds"))
                .body("errors[0].message", containsString("+15551191001 rings 10 s + 10 s = 20 s (its pattern from the "
                        + "number) but times out after 15 s (from the account)"))
                .body("errors[0].message", containsString("user dana rings 18 s = 18 s (its pattern from the user)"))
                .body("errors[0].message", containsString("keep a timeout of at least 20 s"))
                .body("errors[0].message", org.hamcrest.Matchers.not(containsString("+15551191002")));

        TestTokens.as("shorter").get("/api/accounts/shorter/call-settings").then().statusCode(200)
                .body("timeoutSeconds", equalTo(25));
        TestTokens.as("shorter").queryParam("number", "+15551191001").get("/api/accounts/shorter/call-settings/effective")
                .then().statusCode(200).body("timeoutSeconds.value", equalTo(25))
                .body("ringingSecondsBeforeVoicemail", equalTo(20));
        // Down to what the longest pattern rings: accepted; the refused 15 s was never published.
        put("shorter", "call-settings", Map.of("timeoutSeconds", 20)).statusCode(200).body("timeoutSeconds", equalTo(20));
        assertThat(Fixtures.recordsUnder(Topics.SETTINGS_CALL, "shorter/+15551191001",
                        r -> r.value() != null && timeoutOf(r.value()) == 20)
                .stream().filter(r -> r.value() != null).map(r -> timeoutOf(r.value())).toList())
                .as("nothing published with the refused timeout").doesNotContain(15).contains(25, 20);
    }

    /** A user's own timeout lowered under the pattern of a number assigned to them: 400, nothing saved. */
    @Test
    void aShorterUserTimeoutUnderTheirNumbersPatternIsA400NamingTheTimeoutAndTheNumber() {
        Fixtures.account("usershort", "User Short");
        Fixtures.user("usershort", "lee", "Lee");
        Fixtures.number("usershort", "+15551191011", "lee");
        Fixtures.callSettings("usershort", "call-settings", Map.of("timeoutSeconds", 20));
        Fixtures.callSettings("usershort", "numbers/+15551191011/call-settings", Map.of("ringPattern", sequential(
                Map.of("number", "+15550001111", "ringSeconds", 8), Map.of("number", "+15550002222", "ringSeconds", 8))));

        put("usershort", "users/lee/call-settings", Map.of("timeoutSeconds", 12)).statusCode(400)
                .body("errors.field", contains("timeoutSeconds"))
                .body("errors[0].message", containsString("+15551191011 rings 8 s + 8 s = 16 s (its pattern from the "
                        + "number) but times out after 12 s (from the user)"));
        TestTokens.as("usershort").get("/api/accounts/usershort/users/lee/call-settings").then().statusCode(200)
                .body("timeoutSeconds", nullValue());
        put("usershort", "users/lee/call-settings", Map.of("timeoutSeconds", 16)).statusCode(200);
    }

    /**
     * A number's own timeout, or a user's, under the account's pattern they inherit; the account's pattern over a
     * number's and a user's own shorter timeouts; a number given a user whose timeout is shorter than its pattern:
     * each a 400 naming its field and who would ring too long, nothing saved.
     */
    @Test
    void aNumbersOwnTimeoutAnInheritedPatternAndAnotherUserMustKeepThePatternInsideTheTimeout() {
        Fixtures.account("numshort", "Number Short");
        Fixtures.user("numshort", "kim", "Kim");
        Fixtures.number("numshort", "+15551191021");
        Fixtures.number("numshort", "+15551191022");
        Map<String, Object> eighteen = sequential(Map.of("number", "+15550001111", "ringSeconds", 10),
                Map.of("number", "+15550002222", "ringSeconds", 8));
        Fixtures.callSettings("numshort", "call-settings", Map.of("timeoutSeconds", 20, "ringPattern", eighteen));

        // A number's own timeout, and a user's, under the account's pattern.
        put("numshort", "numbers/+15551191021/call-settings", Map.of("timeoutSeconds", 12)).statusCode(400)
                .body("errors.field", contains("timeoutSeconds"))
                .body("errors[0].message", containsString("+15551191021 rings 10 s + 8 s = 18 s (its pattern from the "
                        + "account) but times out after 12 s (from the number)"));
        TestTokens.as("numshort").get("/api/accounts/numshort/numbers/+15551191021/call-settings").then()
                .statusCode(200).body("timeoutSeconds", nullValue());
        put("numshort", "users/kim/call-settings", Map.of("timeoutSeconds", 12)).statusCode(400)
                .body("errors.field", contains("timeoutSeconds"))
                .body("errors[0].message", containsString("user kim rings 10 s + 8 s = 18 s (its pattern from the "
                        + "account) but times out after 12 s (from the user)"));
        TestTokens.as("numshort").get("/api/accounts/numshort/users/kim/call-settings").then()
                .statusCode(200).body("timeoutSeconds", nullValue());

        // The account's pattern, over a number's and a user's own shorter timeouts.
        Fixtures.callSettings("numshort", "call-settings", Map.of("timeoutSeconds", 20));
        Fixtures.callSettings("numshort", "numbers/+15551191022/call-settings", Map.of("timeoutSeconds", 15));
        Fixtures.callSettings("numshort", "users/kim/call-settings", Map.of("timeoutSeconds", 12));
        put("numshort", "call-settings", Map.of("timeoutSeconds", 20, "ringPattern", eighteen)).statusCode(400)
                .body("errors.field", contains("ringPattern.targets"))
                .body("errors[0].message", containsString("+15551191022 rings 10 s + 8 s = 18 s (its pattern from the "
                        + "account) but times out after 15 s (from the number)"))
                .body("errors[0].message", containsString("user kim rings 10 s + 8 s = 18 s (its pattern from the "
                        + "account) but times out after 12 s (from the user)"));
        TestTokens.as("numshort").get("/api/accounts/numshort/call-settings").then().statusCode(200)
                .body("ringPattern", nullValue());

        // A number given a user whose timeout is shorter than the number's own pattern.
        Fixtures.callSettings("numshort", "numbers/+15551191021/call-settings", Map.of("ringPattern", eighteen));
        TestTokens.as("numshort").contentType(ContentType.JSON).body(Map.of("assignedUserId", "kim"))
                .put("/api/accounts/numshort/numbers/+15551191021").then().statusCode(400)
                .body("errors.field", contains("assignedUserId"))
                .body("errors[0].message", containsString("+15551191021 rings 10 s + 8 s = 18 s (its pattern from the "
                        + "number) but times out after 12 s (from the user)"));
        TestTokens.as("numshort").get("/api/accounts/numshort/numbers/+15551191021").then().statusCode(200)
                .body("assignedUserId", nullValue());
    }

    /**
     * The effective view shows the ring pattern and recording with the level each comes from: number, user, account
     * or system.
     */
    @Test
    void theEffectiveViewShowsRingPatternAndRecordingFromTheNumberTheUserTheAccountOrTheSystem() {
        Fixtures.account("sources", "Sources Spa");
        TestTokens.as("sources").contentType(ContentType.JSON).body(Map.of("name", "Dana", "mobile", "+15550008888"))
                .put("/api/accounts/sources/users/dana").then().statusCode(201);
        Fixtures.number("sources", "+15551191031", "dana");
        Fixtures.number("sources", "+15551191032");
        Fixtures.number("sources", "+15551191033");
        Fixtures.callSettings("sources", "call-settings", Map.of("timeoutSeconds", 20, "ringPattern",
                sequential(Map.of("number", "+15550001111", "ringSeconds", 10)), "consentText", "The account records.",
                "recordingRetentionDays", 30));
        Fixtures.callSettings("sources", "users/dana/call-settings", Map.of("ringPattern",
                sequential(Map.of("userId", "dana", "ringSeconds", 8)), "consentText", "Dana records."));
        Fixtures.callSettings("sources", "numbers/+15551191031/call-settings", Map.of("recordCalls", true));
        Fixtures.callSettings("sources", "numbers/+15551191032/call-settings", Map.of("ringPattern",
                Map.of("mode", "SIMULTANEOUS", "targets", List.of(Map.of("number", "+15550002222")))));
        String effective = "/api/accounts/sources/call-settings/effective";

        TestTokens.as("sources").queryParam("number", "+15551191031").get(effective).then().statusCode(200)
                .body("userId", equalTo("dana"))
                .body("ringPattern.source", equalTo("USER")).body("ringPattern.value.targets.userId", contains("dana"))
                .body("ringingSecondsBeforeVoicemail", equalTo(8))
                .body("recordCalls.value", equalTo(true)).body("recordCalls.source", equalTo("NUMBER"))
                .body("consentText.value", equalTo("Dana records.")).body("consentText.source", equalTo("USER"))
                .body("recordingRetentionDays.value", equalTo(30)).body("recordingRetentionDays.source", equalTo("ACCOUNT"));
        TestTokens.as("sources").queryParam("number", "+15551191032").get(effective).then().statusCode(200)
                .body("ringPattern.source", equalTo("NUMBER")).body("ringPattern.value.mode", equalTo("SIMULTANEOUS"))
                .body("ringingSecondsBeforeVoicemail", equalTo(20))
                .body("recordCalls.value", equalTo(false)).body("recordCalls.source", equalTo("SYSTEM"))
                .body("consentText.value", equalTo("The account records.")).body("consentText.source", equalTo("ACCOUNT"));
        TestTokens.as("sources").queryParam("number", "+15551191033").get(effective).then().statusCode(200)
                .body("ringPattern.source", equalTo("ACCOUNT"))
                .body("ringPattern.value.targets.number", contains("+15550001111"))
                .body("ringingSecondsBeforeVoicemail", equalTo(10));
        TestTokens.as("sources").queryParam("number", "+15551191033").queryParam("user", "dana").get(effective).then()
                .statusCode(200).body("ringPattern.source", equalTo("USER"));
        Fixtures.account("nosources", "No Sources");
        TestTokens.as("nosources").get("/api/accounts/nosources/call-settings/effective").then().statusCode(200)
                .body("ringPattern.source", equalTo("SYSTEM"))
                .body("consentText.value", equalTo("This call may be recorded.")).body("consentText.source", equalTo("SYSTEM"))
                .body("recordingRetentionDays.value", equalTo(90)).body("recordingRetentionDays.source", equalTo("SYSTEM"));
    }
}

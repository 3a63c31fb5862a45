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
}

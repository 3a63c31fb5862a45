package com.mctb.settings.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.BusinessProfileChanged;
import com.mctb.settings.testing.Fixtures;
import com.mctb.settings.testing.TwilioStandIn;
import com.mctb.settings.testing.WorkflowServiceStandIn;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(WorkflowServiceStandIn.class)
@WithTestResource(TwilioStandIn.class)
class LegacyTextBackResourceTest {

    private static final String MESSAGE = "Sorry we missed your call! How can we help?";

    @WorkflowServiceStandIn.InjectWorkflowService
    WireMockServer workflowService;

    @Test
    void turningItOnAsksWorkflowServiceWithTheCallersCredentialAndWarns() {
        Fixtures.account("legacy-on", "Legacy On");
        noActiveWorkflow("legacy-on");
        String token = TestTokens.forAccount("legacy-on");

        io.restassured.RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("enabled", true, "message", MESSAGE))
                .put("/api/accounts/legacy-on/legacy-text-back")
                .then().statusCode(200)
                .body("enabled", org.hamcrest.Matchers.equalTo(true))
                .body("message", org.hamcrest.Matchers.equalTo(MESSAGE))
                .body("warnings", hasSize(1))
                .body("warnings[0]", containsString("every missed call"))
                .body("warnings[0]", containsString("no wait, no filters and no business hours"));

        workflowService.verify(getRequestedFor(urlEqualTo("/api/accounts/legacy-on/workflows/missed-call/active"))
                .withHeader("Authorization", equalTo("Bearer " + token)));
        TestTokens.as("legacy-on").get("/api/accounts/legacy-on/legacy-text-back").then().statusCode(200)
                .body("enabled", org.hamcrest.Matchers.equalTo(true));
        BusinessProfileChanged profile = Fixtures.latest(Topics.SETTINGS_BUSINESS, "legacy-on",
                BusinessProfileChanged.class, p -> p.legacyTextBack().enabled());
        assertThat(profile.legacyTextBack()).isEqualTo(new BusinessProfileChanged.LegacyTextBack(true, MESSAGE));
    }

    @Test
    void itIsRefusedWhileAMissedCallWorkflowIsActiveNamingIt() {
        Fixtures.account("legacy-busy", "Legacy Busy");
        workflowService.stubFor(get(urlEqualTo("/api/accounts/legacy-busy/workflows/missed-call/active"))
                .willReturn(okJson("{\"active\": true, \"workflows\": [{\"id\": \"wf-7\", \"name\": \"After-hours text back\", "
                        + "\"version\": 3}]}")));

        TestTokens.as("legacy-busy").contentType(ContentType.JSON).body(Map.of("enabled", true, "message", MESSAGE))
                .put("/api/accounts/legacy-busy/legacy-text-back")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("'After-hours text back' (id wf-7, version 3)"))
                .body("detail", containsString("both texts"));

        TestTokens.as("legacy-busy").get("/api/accounts/legacy-busy/legacy-text-back").then().statusCode(200)
                .body("enabled", org.hamcrest.Matchers.equalTo(false));
    }

    @Test
    void itStaysOffWhenWorkflowServiceCannotAnswer() {
        Fixtures.account("legacy-down", "Legacy Down");
        String path = "/api/accounts/legacy-down/workflows/missed-call/active";

        workflowService.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(500)));
        turnOn("legacy-down").then().statusCode(503).body("detail", containsString("HTTP 500"))
                .body("detail", containsString("could text a caller twice"));

        workflowService.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        turnOn("legacy-down").then().statusCode(503).body("detail", containsString("could not be reached"));

        workflowService.stubFor(get(urlEqualTo(path)).willReturn(okJson("{\"active\": false}").withFixedDelay(3_000)));
        turnOn("legacy-down").then().statusCode(503);

        workflowService.stubFor(get(urlEqualTo(path)).willReturn(okJson("not json")));
        turnOn("legacy-down").then().statusCode(503);

        TestTokens.as("legacy-down").get("/api/accounts/legacy-down/legacy-text-back").then()
                .body("enabled", org.hamcrest.Matchers.equalTo(false));
    }

    @Test
    void turningItOffNeedsNoQuestionAndAMessageIsRequiredToTurnItOn() {
        Fixtures.account("legacy-off", "Legacy Off");

        TestTokens.as("legacy-off").contentType(ContentType.JSON).body(Map.of("enabled", false))
                .put("/api/accounts/legacy-off/legacy-text-back")
                .then().statusCode(200).body("warnings", empty());
        workflowService.verify(0, getRequestedFor(urlEqualTo("/api/accounts/legacy-off/workflows/missed-call/active")));

        TestTokens.as("legacy-off").contentType(ContentType.JSON).body(Map.of("enabled", true))
                .put("/api/accounts/legacy-off/legacy-text-back")
                .then().statusCode(400).body("errors.field", hasItem("message"));
        TestTokens.as("legacy-off").contentType(ContentType.JSON).body(Map.of("message", MESSAGE))
                .put("/api/accounts/legacy-off/legacy-text-back")
                .then().statusCode(400).body("errors.field", hasItem("enabled"));
        TestTokens.as("legacy-off").contentType(ContentType.JSON).body(Map.of("enabled", true, "message", "x".repeat(1601)))
                .put("/api/accounts/legacy-off/legacy-text-back")
                .then().statusCode(400).body("errors.field", hasItem("message"));
    }

    private void noActiveWorkflow(String accountId) {
        workflowService.stubFor(get(urlEqualTo("/api/accounts/" + accountId + "/workflows/missed-call/active"))
                .willReturn(okJson("{\"active\": false, \"workflows\": []}")));
    }

    private static io.restassured.response.Response turnOn(String accountId) {
        return TestTokens.as(accountId).contentType(ContentType.JSON).body(Map.of("enabled", true, "message", MESSAGE))
                .put("/api/accounts/" + accountId + "/legacy-text-back");
    }
}

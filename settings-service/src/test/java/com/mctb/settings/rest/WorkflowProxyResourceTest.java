package com.mctb.settings.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.hamcrest.Matchers.containsString;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.mctb.settings.testing.WorkflowServiceStandIn;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** The settings page's way to workflow-service: passed on as it is, with the caller's credential, checked here first. */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(WorkflowServiceStandIn.class)
class WorkflowProxyResourceTest {

    private static final String ID = "7f1c9a2e-3b4d-4e5f-8a6b-1c2d3e4f5a6b";

    @WorkflowServiceStandIn.InjectWorkflowService
    WireMockServer workflowService;

    @Test
    void aCallIsPassedOnWithTheCallersCredentialAndAnsweredAsWorkflowServiceAnswers() {
        String problem = "{\"type\": \"about:blank\", \"title\": \"Bad Request\", \"status\": 400, "
                + "\"detail\": \"text-in-hours: unknown merge field\", "
                + "\"errors\": [{\"field\": \"steps[0].then[1].then[0].body\", \"message\": \"text-in-hours: unknown merge field {{contact.nickname}}\"}]}";
        workflowService.stubFor(put(urlEqualTo("/api/accounts/proxy-a/workflows/" + ID))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/problem+json").withBody(problem)));
        String token = TestTokens.forAccount("proxy-a");
        String definition = "{\"name\": \"Missed Call Text Back\", \"steps\": [{\"type\": \"send_sms\", \"body\": \"{{contact.nickname}}\"}]}";

        RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON).body(definition)
                .put("/api/accounts/proxy-a/workflow-service/workflows/" + ID)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("steps[0].then[1].then[0].body"));

        workflowService.verify(putRequestedFor(urlEqualTo("/api/accounts/proxy-a/workflows/" + ID))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson(definition)));
    }

    @Test
    void theTemplateIsEnabledWithAnEmptyBodyWhenThePageSendsNone() {
        workflowService.stubFor(post(urlEqualTo("/api/accounts/proxy-b/workflows/templates/missed-call-text-back"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": \"" + ID + "\", \"active\": true}")));

        TestTokens.as("proxy-b").contentType(ContentType.JSON)
                .post("/api/accounts/proxy-b/workflow-service/workflows/templates/missed-call-text-back")
                .then().statusCode(201).body("active", org.hamcrest.Matchers.equalTo(true));

        workflowService.verify(postRequestedFor(urlEqualTo("/api/accounts/proxy-b/workflows/templates/missed-call-text-back"))
                .withRequestBody(equalToJson("{}")));
    }

    @Test
    void workflowServiceUnreachableIs503SayingSo() {
        workflowService.stubFor(get(urlEqualTo("/api/accounts/proxy-c/workflows"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        TestTokens.as("proxy-c").get("/api/accounts/proxy-c/workflow-service/workflows")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("detail", containsString("workflow-service could not be reached"))
                .body("detail", containsString("call & voicemail settings are not affected"));
    }

    @Test
    void anotherAccountsTokenIsRefusedBeforeWorkflowServiceIsAsked() {
        TestTokens.as("proxy-e").get("/api/accounts/proxy-d/workflow-service/workflows").then().statusCode(403);
        RestAssured.given().get("/api/accounts/proxy-d/workflow-service/workflows").then().statusCode(401);

        workflowService.verify(0, anyRequestedFor(urlMatching("/api/accounts/proxy-d/.*")));
    }

    @Test
    void anOperatorsCallForSomethingThatIsNotAnAccountIdGoesNowhere() {
        RestAssured.given().auth().oauth2(TestTokens.admin())
                .get("/api/accounts/..%3Fx=1/workflow-service/workflows").then().statusCode(404);
        RestAssured.given().auth().oauth2(TestTokens.admin())
                .get("/api/accounts/proxy-f/workflow-service/workflows/not-a-uuid").then().statusCode(404);

        workflowService.verify(0, anyRequestedFor(urlMatching(".*x=1.*")));
        workflowService.verify(0, anyRequestedFor(urlMatching(".*not-a-uuid.*")));
    }
}

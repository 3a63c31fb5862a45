package com.mctb.settings.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.mctb.settings.domain.audio.TestAudio;
import com.mctb.settings.testing.Fixtures;
import com.mctb.settings.testing.TwilioStandIn;
import com.mctb.settings.testing.WorkflowServiceStandIn;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint under /api/accounts/{accountId}: no credential 401, another account's 403 (and nothing changed),
 * the account's own 2xx, an operator's 2xx.
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(WorkflowServiceStandIn.class)
@WithTestResource(TwilioStandIn.class)
class TenancyMatrixTest {

    private static final String A = "tenant-a";
    private static final String B = "tenant-b";
    private static final String BASE = "/api/accounts/" + A;
    private static final String NUMBER = "+15555550001";
    private static final byte[] MP3 = TestAudio.mp3(20, 128, 44100, false);

    @WorkflowServiceStandIn.InjectWorkflowService
    WireMockServer workflowService;

    /** One endpoint: how to call it, and what must exist before a call that succeeds. */
    private record Endpoint(String name, Function<RequestSpecification, Response> call, Runnable prepare) {
    }

    private static Endpoint json(String method, String path, Object body) {
        return new Endpoint(method + " " + path,
                spec -> spec.contentType(ContentType.JSON).body(body).request(method, BASE + path), () -> { });
    }

    private static Endpoint plain(String method, String path, Runnable prepare) {
        return new Endpoint(method + " " + path, spec -> spec.request(method, BASE + path), prepare);
    }

    private static Endpoint upload(String path) {
        return new Endpoint("PUT " + path, spec -> spec.multiPart("file", "g.mp3", MP3, "audio/mpeg").put(BASE + path),
                () -> { });
    }

    private static void uploaded(String levelPath) {
        Fixtures.uploadGreeting(A, levelPath, MP3, "g.mp3", "audio/mpeg").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    private static List<Endpoint> endpoints() {
        Runnable nothing = () -> { };
        List<Endpoint> all = new ArrayList<>();
        all.add(json("PUT", "", Map.of("businessName", "Tenant A", "timeZone", "America/New_York")));
        all.add(plain("GET", "", nothing));
        all.add(plain("GET", "/numbers", nothing));
        all.add(json("PUT", "/numbers/+15555550002", Map.of("isDefault", false)));
        all.add(new Endpoint("POST /numbers", spec -> spec.contentType(ContentType.JSON)
                .body(Map.of("phoneNumber", "+15555550005")).post(BASE + "/numbers"), () -> {
                    given().auth().oauth2(TestTokens.admin()).delete(BASE + "/numbers/+15555550005");
                    Fixtures.heldAtTwilio(A, "+15555550005");
                }));
        all.add(new Endpoint("GET /numbers/available?areaCode=", spec -> spec.queryParam("areaCode", "415")
                .get(BASE + "/numbers/available"), nothing));
        all.add(plain("POST", "/numbers/" + NUMBER + "/configure", nothing));
        all.add(new Endpoint("DELETE /numbers/{number}?release=true", spec -> spec.queryParam("release", "true")
                .delete(BASE + "/numbers/+15555550004"), () -> Fixtures.number(A, "+15555550004")));
        all.add(plain("GET", "/twilio", nothing));
        all.add(plain("GET", "/numbers/" + NUMBER, nothing));
        all.add(plain("DELETE", "/numbers/+15555550003", () -> Fixtures.number(A, "+15555550003")));
        all.add(plain("GET", "/numbers/" + NUMBER + "/call-settings", nothing));
        all.add(json("PUT", "/numbers/" + NUMBER + "/call-settings", Map.of("timeoutSeconds", 14)));
        all.add(upload("/numbers/" + NUMBER + "/call-settings/greeting"));
        all.add(plain("GET", "/numbers/" + NUMBER + "/call-settings/greeting",
                () -> uploaded("numbers/" + NUMBER + "/call-settings")));
        all.add(plain("DELETE", "/numbers/" + NUMBER + "/call-settings/greeting",
                () -> uploaded("numbers/" + NUMBER + "/call-settings")));
        all.add(plain("GET", "/users", nothing));
        all.add(json("PUT", "/users/ava", Map.of("name", "Ava")));
        all.add(plain("GET", "/users/ava", nothing));
        all.add(plain("DELETE", "/users/temp", () -> Fixtures.user(A, "temp", "Temp")));
        all.add(plain("GET", "/users/ava/call-settings", nothing));
        all.add(json("PUT", "/users/ava/call-settings", Map.of("timeoutSeconds", 16)));
        all.add(upload("/users/ava/call-settings/greeting"));
        all.add(plain("GET", "/users/ava/call-settings/greeting", () -> uploaded("users/ava/call-settings")));
        all.add(plain("DELETE", "/users/ava/call-settings/greeting", () -> uploaded("users/ava/call-settings")));
        all.add(plain("GET", "/call-settings", nothing));
        all.add(json("PUT", "/call-settings", Map.of("timeoutSeconds", 15)));
        all.add(new Endpoint("GET /call-settings/effective?number=",
                spec -> spec.queryParam("number", NUMBER).get(BASE + "/call-settings/effective"), nothing));
        all.add(upload("/call-settings/greeting"));
        all.add(plain("GET", "/call-settings/greeting", () -> uploaded("call-settings")));
        all.add(plain("DELETE", "/call-settings/greeting", () -> uploaded("call-settings")));
        all.add(plain("GET", "/business-hours", nothing));
        all.add(json("PUT", "/business-hours", Map.of("weekly", Map.of("monday", List.of(Map.of("opens", "09:00",
                "closes", "17:00"))))));
        all.add(plain("DELETE", "/business-hours", nothing));
        all.add(new Endpoint("GET /business-hours/status?at=",
                spec -> spec.queryParam("at", "2026-03-08T06:30:00Z").get(BASE + "/business-hours/status"), nothing));
        all.add(plain("GET", "/legacy-text-back", nothing));
        all.add(json("PUT", "/legacy-text-back", Map.of("enabled", true, "message", "Sorry we missed you")));
        return all;
    }

    @Test
    void everyAccountEndpointNeedsACredentialForThatAccount() {
        Fixtures.account(A, "Tenant A");
        Fixtures.account(B, "Tenant B");
        Fixtures.number(A, NUMBER);
        Fixtures.number(A, "+15555550002");
        Fixtures.user(A, "ava", "Ava");
        workflowService.stubFor(get(urlEqualTo(BASE + "/workflows/missed-call/active"))
                .willReturn(okJson("{\"active\": false, \"workflows\": []}")));
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).hasSize(37);
        String before = stateOfA();

        for (Endpoint endpoint : endpoints) {
            assertThat(endpoint.call().apply(given()).statusCode()).as("%s without a token", endpoint.name())
                    .isEqualTo(401);
            assertThat(endpoint.call().apply(given().auth().oauth2("not.a.token")).statusCode())
                    .as("%s with a forged token", endpoint.name()).isEqualTo(401);
            Response other = endpoint.call().apply(TestTokens.as(B));
            assertThat(other.statusCode()).as("%s with tenant B's token", endpoint.name()).isEqualTo(403);
            assertThat(other.contentType()).startsWith("application/problem+json");
        }
        assertThat(stateOfA()).as("nothing of tenant A changed").isEqualTo(before);

        for (Endpoint endpoint : endpoints) {
            endpoint.prepare().run();
            assertThat(endpoint.call().apply(TestTokens.as(A)).statusCode()).as("%s as tenant A", endpoint.name())
                    .isBetween(200, 299);
            endpoint.prepare().run();
            assertThat(endpoint.call().apply(given().auth().oauth2(TestTokens.admin())).statusCode())
                    .as("%s as an operator", endpoint.name()).isBetween(200, 299);
        }
    }

    /**
     * The same rule over the service's own OpenAPI document (test-kit's TenancyMatrix), so an operation added later
     * is in the matrix without an edit here; the Twilio account's settings are an operator's.
     */
    @Test
    void everyOperationOfTheApiDocumentIsScopedToItsAccount() {
        List<String> checked = com.mctb.testkit.TenancyMatrix.ofThisService()
                .operatorOnly("PUT /api/accounts/{accountId}/twilio")
                .operatorOnly("POST /api/accounts/{accountId}/twilio/subaccount")
                .operatorOnly("POST /api/twilio/numbers/configure")
                .verify(A, B);

        assertThat(checked).as("the document's account operations").hasSizeGreaterThanOrEqualTo(32).contains(
                "GET /api/accounts/{accountId}/numbers/{number}/call-settings/greeting",
                "GET /api/accounts/{accountId}/business-hours/status",
                "GET /api/accounts/{accountId}/twilio",
                "GET /api/accounts/{accountId}/numbers/available",
                "POST /api/accounts/{accountId}/numbers",
                "POST /api/accounts/{accountId}/numbers/{number}/configure",
                "DELETE /api/accounts/{accountId}/numbers/{number}",
                "PUT /api/accounts/{accountId}/twilio (operator only)",
                "POST /api/accounts/{accountId}/twilio/subaccount (operator only)",
                "POST /api/twilio/numbers/configure (operator only)");
    }

    @Test
    void tyingAnAccountToATwilioAccountIsAnOperatorsAndATenantIsToldSo() {
        Fixtures.account("tenant-op", "Tenant Op");
        Fixtures.account("tenant-other", "Tenant Other");
        String platform = com.mctb.settings.testing.TwilioStandIn.PLATFORM_SID;
        String sub = com.mctb.settings.testing.TwilioStandIn.twilio().createSubaccount(platform, "linked by hand").sid();
        Map<String, String> link = Map.of("accountSid", sub);
        String base = "/api/accounts/tenant-op";

        given().contentType(ContentType.JSON).body(link).put(base + "/twilio").then().statusCode(401);
        given().post(base + "/twilio/subaccount").then().statusCode(401);
        given().post("/api/twilio/numbers/configure").then().statusCode(401);
        TestTokens.as("tenant-other").contentType(ContentType.JSON).body(link).put(base + "/twilio").then().statusCode(403);
        TestTokens.as("tenant-op").contentType(ContentType.JSON).body(link).put(base + "/twilio").then().statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString("operator"));
        TestTokens.as("tenant-op").post(base + "/twilio/subaccount").then().statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString("operator"));
        TestTokens.as("tenant-op").post("/api/twilio/numbers/configure").then().statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString("operator"));
        TestTokens.as("tenant-op").get(base + "/twilio").then().statusCode(200)
                .body("accountSid", org.hamcrest.Matchers.nullValue());

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(link).put(base + "/twilio")
                .then().statusCode(200).body("accountSid", org.hamcrest.Matchers.equalTo(sub))
                .body("source", org.hamcrest.Matchers.equalTo("LINKED"));
        TestTokens.as("tenant-op").get(base + "/twilio").then().statusCode(200)
                .body("accountSid", org.hamcrest.Matchers.equalTo(sub));
        given().auth().oauth2(TestTokens.admin()).post("/api/accounts/tenant-other/twilio/subaccount").then()
                .statusCode(201).body("source", org.hamcrest.Matchers.equalTo("SUBACCOUNT"));
        given().auth().oauth2(TestTokens.admin()).post("/api/twilio/numbers/configure").then().statusCode(200);
    }

    @Test
    void anotherAccountsTokenCannotReadTheGreetingButTwilioFetchesItByItsPublicName() {
        Fixtures.account("tenant-c", "Tenant C");
        String publicUrl = Fixtures.uploadGreeting("tenant-c", "call-settings", MP3, "c.mp3", "audio/mpeg")
                .then().statusCode(201).extract().path("publicUrl");

        TestTokens.as("tenant-d").get("/api/accounts/tenant-c/call-settings/greeting").then().statusCode(403);
        given().get("/api/accounts/tenant-c/call-settings/greeting").then().statusCode(401);
        assertThat(given().get(java.net.URI.create(publicUrl).getPath()).asByteArray()).isEqualTo(MP3);
    }

    @Test
    void healthMetricsAndTheApiDocumentNeedNoCredential() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
        // The rules of call settings hold no account data: the web console's page reads them before sign-in.
        given().get("/api/call-settings/rules").then().statusCode(200)
                .body("timeoutMinSeconds", org.hamcrest.Matchers.equalTo(5))
                .body("recommendedMaxSeconds", org.hamcrest.Matchers.equalTo(20))
                .body("longTimeoutWarning", org.hamcrest.Matchers.containsString("above 20 seconds"))
                .body("greetingMaxBytes", org.hamcrest.Matchers.equalTo(10485760))
                .body("legacyTextBackWarning", org.hamcrest.Matchers.containsString("no business hours"));
    }

    private static String stateOfA() {
        StringBuilder state = new StringBuilder();
        for (String path : List.of("", "/numbers", "/users", "/call-settings", "/users/ava/call-settings",
                "/numbers/" + NUMBER + "/call-settings", "/business-hours", "/legacy-text-back")) {
            state.append(TestTokens.as(A).get(BASE + path).then().statusCode(200).extract().asString()).append('\n');
        }
        return state.toString();
    }
}

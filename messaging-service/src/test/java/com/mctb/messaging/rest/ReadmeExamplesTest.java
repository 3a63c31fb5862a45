package com.mctb.messaging.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.messaging.support.Database;
import com.mctb.messaging.support.Texts;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.ReadmeExamples;
import com.mctb.testkit.TestTokens;
import com.mctb.testkit.TwilioStandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every request the service's README shows is sent to the running service, as the README's account (glow, with the
 * number +15557654321), and is accepted: an example cannot drift from the API. The plan settings' PUTs are sent with
 * an operator's token, as the README says, after checking that the account's own token is refused them.
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class ReadmeExamplesTest {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final Pattern ACCOUNT = Pattern.compile("^/api/accounts/([^/]+)");
    private static final Pattern OPERATOR_ONLY = Pattern.compile("^/api/accounts/[^/]+/(messaging-limit|recipient-countries)$");

    @Test
    void everyRequestTheReadmeShowsIsAccepted() {
        Texts.profile("glow", "Glow Aesthetics", "America/New_York", "+15557654321");
        Database.awaitNumberOf("glow", "+15557654321");
        List<ReadmeExamples.Request> requests = ReadmeExamples.ofModule();

        assertThat(requests).as("the README's requests").hasSizeGreaterThanOrEqualTo(8);
        assertThat(requests).as("a request body in the README that is not JSON")
                .allSatisfy(r -> assertThat(r.body() == null || r.json() != null).as(r.toString()).isTrue());
        assertThat(requests).extracting(r -> r.method() + " " + r.path()).contains(
                "POST /api/messages/segments", "GET /api/accounts/glow/usage?month=2026-11",
                "PUT /api/accounts/glow/messaging-limit", "GET /api/accounts/glow/messaging-limit",
                "PUT /api/accounts/glow/recipient-countries", "GET /api/accounts/glow/recipient-countries",
                "GET /api/accounts/glow/messages?limit=50");
        for (ReadmeExamples.Request request : requests) {
            Matcher account = ACCOUNT.matcher(request.path());
            String tenant = account.find() ? account.group(1) : "glow";
            boolean operatorOnly = request.method().equals("PUT") && OPERATOR_ONLY.matcher(request.path()).matches();
            if (operatorOnly) {
                Response refused = send(RestAssured.given().auth().oauth2(TestTokens.forAccount(tenant)), request);
                assertThat(refused.statusCode()).as(request + " with the account's own token").isEqualTo(403);
            }
            Response response = send(RestAssured.given().auth()
                    .oauth2(operatorOnly ? TestTokens.admin() : TestTokens.forAccount(tenant)), request);
            assertThat(response.statusCode()).as(request + " answered " + response.statusCode() + ": "
                    + response.body().asString()).isBetween(200, 299);
            if (operatorOnly && request.json() != null) {
                // A setting that took: each field of the body comes back as set (a misspelt field would be ignored).
                request.json().fields().forEachRemaining(field -> assertThat(
                        normalised(JSON.valueToTree(response.jsonPath().get(field.getKey()))))
                        .as(request + ": " + field.getKey() + " in " + response.asString())
                        .isEqualTo(normalised(field.getValue())));
            }
        }
    }

    /** Arrays as sorted sets of upper-case text (countries come back sorted), the rest as is. */
    private static com.fasterxml.jackson.databind.JsonNode normalised(com.fasterxml.jackson.databind.JsonNode node) {
        if (node == null || !node.isArray()) {
            return node;
        }
        java.util.TreeSet<String> values = new java.util.TreeSet<>();
        node.forEach(v -> values.add(v.asText().toUpperCase(java.util.Locale.ROOT)));
        return JSON.valueToTree(values);
    }

    private static Response send(RequestSpecification spec, ReadmeExamples.Request request) {
        spec = spec.headers(request.headers());
        if (request.body() != null) {
            spec = spec.contentType(ContentType.JSON).body(request.body());
        }
        return spec.request(request.method(), request.path());
    }
}

package com.mctb.workflow.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.ReadmeExamples;
import com.mctb.testkit.TestTokens;
import com.mctb.workflow.support.Flows;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every request the service's README shows is sent to the running service, as the README's account (glow, with the
 * number +15557654321 and the contact Dana), and is accepted: an example cannot drift from the API.
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
class ReadmeExamplesTest {

    private static final Pattern ACCOUNT = Pattern.compile("^/api/accounts/([^/]+)");

    @Test
    void everyRequestTheReadmeShowsIsAccepted() {
        Flows.profile("glow", "Glow Aesthetics", "+15557654321");
        TestTokens.as("glow").contentType(ContentType.JSON).body(java.util.Map.of("phone", "+15551230001",
                "firstName", "Dana")).post("/api/accounts/glow/contacts").then()
                .statusCode(org.hamcrest.Matchers.oneOf(201, 409));
        String dana = TestTokens.as("glow").queryParam("phone", "+15551230001").get("/api/accounts/glow/contacts")
                .then().statusCode(200).extract().path("[0].id");
        List<ReadmeExamples.Request> requests = ReadmeExamples.ofModule();

        assertThat(requests).as("the README's requests").hasSizeGreaterThanOrEqualTo(4);
        assertThat(requests).as("a request body in the README that is not JSON")
                .allSatisfy(r -> assertThat(r.body() == null || r.json() != null).as(r.toString()).isTrue());
        assertThat(requests).extracting(ReadmeExamples.Request::path).contains("/api/accounts/glow/workflows",
                "/api/accounts/glow/workflows/templates/missed-call-text-back", "/api/accounts/glow/workflows/preview",
                "/api/accounts/glow/quiet-hours");
        for (ReadmeExamples.Request written : requests) {
            // The README's placeholders, as a reader fills them in.
            ReadmeExamples.Request request = written.with("<contactId>", dana);
            Matcher account = ACCOUNT.matcher(request.path());
            RequestSpecification spec = account.find() ? TestTokens.as(account.group(1))
                    : io.restassured.RestAssured.given().auth().oauth2(TestTokens.forAccount("glow"));
            spec = spec.headers(request.headers());
            if (request.body() != null) {
                spec = spec.contentType(ContentType.JSON).body(request.body());
            }
            Response response = spec.request(request.method(), request.path());
            assertThat(response.statusCode()).as(request + " answered " + response.statusCode() + ": "
                    + response.body().asString()).isBetween(200, 299);
        }
    }
}

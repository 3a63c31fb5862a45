package com.mctb.settings.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.settings.domain.audio.TestAudio;
import com.mctb.settings.testing.Fixtures;
import com.mctb.settings.testing.TwilioStandIn;
import com.mctb.settings.testing.WorkflowServiceStandIn;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.ReadmeExamples;
import com.mctb.testkit.TestTokens;
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
 * Every request the service's README shows is sent to the running service, in the README's order, as the README's
 * accounts (glow, with the numbers it names; bloom, which starts without a Twilio account), with an operator's token
 * where the README says only an operator may, and is accepted: an example cannot drift from the API.
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(WorkflowServiceStandIn.class)
@WithTestResource(TwilioStandIn.class)
class ReadmeExamplesTest {

    private static final Pattern ACCOUNT = Pattern.compile("^/api/accounts/([^/?]+)");
    /** What only an operator may do (the README says so, and shows those requests with "$ADMIN"). */
    private static final Pattern OPERATORS = Pattern.compile(
            "^(PUT /api/accounts/[^/]+/twilio|POST /api/accounts/[^/]+/twilio/subaccount|POST /api/twilio/.*)$");

    @Test
    void everyRequestTheReadmeShowsIsAccepted() {
        Fixtures.account("glow", "Glow Aesthetics");
        for (String number : List.of("+15557654321")) {
            boolean has = TestTokens.as("glow").get("/api/accounts/glow/numbers").then().statusCode(200).extract()
                    .jsonPath().getList("number").contains(number);
            if (!has) {
                Fixtures.number("glow", number);
            }
        }
        Fixtures.account("bloom", "Bloom Florist");
        List<ReadmeExamples.Request> requests = ReadmeExamples.ofModule();

        assertThat(requests).as("a request body in the README that is not JSON")
                .allSatisfy(r -> assertThat(r.body() == null || r.json() != null).as(r.toString()).isTrue());
        assertThat(requests).extracting(r -> r.method() + " " + r.path().split("\\?")[0]).contains(
                "POST /api/accounts/bloom/twilio/subaccount", "GET /api/accounts/bloom/twilio",
                "PUT /api/accounts/bloom/twilio", "GET /api/accounts/bloom/numbers/available",
                "POST /api/accounts/bloom/numbers", "GET /api/accounts/bloom/numbers/+14155550101",
                "POST /api/accounts/bloom/numbers/+14155550101/configure", "POST /api/twilio/numbers/configure",
                "DELETE /api/accounts/bloom/numbers/+14155550101", "PUT /api/accounts/glow/call-settings",
                "PUT /api/accounts/glow/business-hours",
                "PUT /api/accounts/glow/numbers/+15557654321/call-settings",
                "PUT /api/accounts/glow/numbers/+15557654321/call-settings/consent-audio");
        for (ReadmeExamples.Request request : requests) {
            Matcher account = ACCOUNT.matcher(request.path());
            String accountId = account.find() ? account.group(1) : "glow";
            boolean operator = OPERATORS.matcher(request.method() + " " + request.path()).matches();
            RequestSpecification spec = RestAssured.given().urlEncodingEnabled(false).auth()
                    .oauth2(operator ? TestTokens.admin() : TestTokens.forAccount(accountId)).headers(request.headers());
            if (request.path().endsWith("/greeting") && request.method().equals("PUT")) {
                // The README's curl -F file=@welcome.mp3: a form upload of an MP3.
                spec = spec.multiPart("file", "welcome.mp3", TestAudio.mp3(20, 128, 44100, false), "audio/mpeg");
            } else if (request.path().endsWith("/consent-audio") && request.method().equals("PUT")) {
                // The README's curl -F file=@consent.wav: a form upload of a WAV.
                spec = spec.multiPart("file", "consent.wav", TestAudio.wav(2, 8000, 1, 16), "audio/wav");
            } else if (request.body() != null) {
                // The README's placeholder, as a reader fills it in: the account's own Twilio AccountSid.
                String body = request.body();
                if (body.contains("<accountSid>")) {
                    body = body.replace("<accountSid>", TestTokens.as(accountId).get("/api/accounts/" + accountId
                            + "/twilio").then().statusCode(200).extract().<String>path("accountSid"));
                }
                spec = spec.contentType(ContentType.JSON).body(body);
            }
            Response response = spec.request(request.method(), request.path());
            assertThat(response.statusCode()).as(request + " answered " + response.statusCode() + ": "
                    + response.body().asString()).isBetween(200, 299);
        }
    }
}

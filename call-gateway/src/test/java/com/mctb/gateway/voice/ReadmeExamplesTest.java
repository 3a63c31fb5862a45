package com.mctb.gateway.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mctb.contracts.Topics;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.ReadmeExamples;
import com.mctb.testkit.TestTokens;
import com.mctb.testkit.TopicProbe;
import com.mctb.testkit.TwilioStandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every request the gateway's README shows is sent to the running gateway and is accepted: the voicemail-audio curl,
 * for a voicemail glow's caller really left (its RecordingSid in place of the README's), with the README's Range.
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class ReadmeExamplesTest {

    private static final String README_RECORDING = "RE0123456789abcdef0123456789abcdef";
    private static final String README_CALL_RECORDING = "REfedcba9876543210fedcba9876543210";
    private static final Pattern ACCOUNT = Pattern.compile("^/api/accounts/([^/]+)");

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void everyRequestTheReadmeShowsIsAccepted() {
        KnownNumbers.publishAndAwait();
        String recording = leaveVoicemail(Webhooks.callSid(95_001));
        String callRecording = recordACall(Webhooks.callSid(95_002));
        List<ReadmeExamples.Request> requests = ReadmeExamples.ofModule();

        assertThat(requests).as("the README's requests").isNotEmpty();
        assertThat(requests).extracting(ReadmeExamples.Request::path)
                .contains("/api/accounts/glow/voicemails/" + README_RECORDING + "/audio");
        for (ReadmeExamples.Request written : requests) {
            ReadmeExamples.Request request = written.with(README_RECORDING, recording)
                    .with(README_CALL_RECORDING, callRecording);
            Matcher account = ACCOUNT.matcher(request.path());
            RequestSpecification spec = RestAssured.given().auth()
                    .oauth2(TestTokens.forAccount(account.find() ? account.group(1) : "glow"))
                    .headers(request.headers());
            if (request.body() != null) {
                spec = spec.contentType("application/json").body(request.body());
            }
            Response response = spec.request(request.method(), request.path());
            assertThat(response.statusCode()).as(request + " answered " + response.statusCode())
                    .isBetween(200, 299);
        }
    }

    /** An answered call to glow's recording number from the README's contact, recorded by the stand-in. */
    private String recordACall(String callSid) {
        RingPatternsAndRecordingsTest.publishAndAwait();
        String number = RingPatternsAndRecordingsTest.RECORDED;
        Webhooks.post("/twilio/voice/incoming", Webhooks.call(callSid, KnownNumbers.CALLER, number)).then().statusCode(200);
        Webhooks.post("/twilio/voice/dial-complete", Webhooks.dialComplete(callSid, KnownNumbers.CALLER, number,
                "completed")).then().statusCode(200);
        String recording = TwilioStandInResource.standIn().recordCall(TwilioStandInResource.ACCOUNT_SID,
                TwilioStandInResource.AUTH_TOKEN, callSid, 2, java.time.Instant.now(),
                Webhooks.PUBLIC_BASE + "/twilio/voice/call-recording");
        await().atMost(Duration.ofSeconds(20)).until(() -> TestTokens.as("glow").queryParam("contact", KnownNumbers.CALLER)
                .get("/api/accounts/glow/recordings").asString().contains(recording));
        return recording;
    }

    /** A missed call to glow whose caller leaves a voicemail, reported by the gateway. */
    private String leaveVoicemail(String callSid) {
        TwilioStandInResource.standIn().redirectRecordingCallbacks(Webhooks.PUBLIC_BASE,
                gateway.toString().replaceAll("/$", ""));
        Response twiml = Webhooks.post("/twilio/voice/dial-complete",
                Webhooks.dialComplete(callSid, KnownNumbers.CALLER, KnownNumbers.GLOW, "no-answer"));
        var record = TwiMl.parse(twiml.asString()).one("Record");
        String recording = TwilioStandInResource.standIn().recordVoicemail(TwilioStandInResource.ACCOUNT_SID,
                TwilioStandInResource.AUTH_TOKEN, callSid, KnownNumbers.CALLER, KnownNumbers.GLOW, 2, null,
                record.getAttribute("recordingStatusCallback"), null);
        await().atMost(Duration.ofSeconds(20)).until(() -> TopicProbe.readAll(Topics.CALLS_VOICEMAIL,
                Duration.ofMillis(200)).stream().anyMatch(r -> r.value().contains(recording)));
        return recording;
    }
}

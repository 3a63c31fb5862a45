package com.mctb.gateway.voice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mctb.contracts.Topics;
import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.CallSettingsChanged;
import com.mctb.contracts.event.DialStatus;
import com.mctb.contracts.json.EventJson;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TwilioStandInResource;
import com.mctb.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class VoiceWebhookResourceTest {

    static final String NUMBER = "+15557654321";
    static final String CALLER = "+15551230001";

    @BeforeEach
    void numbersAreKnownToTheGateway() {
        KnownNumbers.publishAndAwait();
    }

    @Test
    void anIncomingCallRingsTheForwardToTargetForTheAccountsTimeout() {
        Response response = Webhooks.post("/twilio/voice/incoming", Webhooks.call(Webhooks.callSid(1), CALLER, NUMBER));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/xml");
        TwiMl twiml = TwiMl.parse(response.asString());
        assertThat(twiml.one("Dial").getAttribute("timeout")).isEqualTo("17");
        assertThat(twiml.one("Dial").getAttribute("action"))
                .isEqualTo("https://hooks.gateway.test/twilio/voice/dial-complete");
        assertThat(twiml.one("Number").getTextContent()).isEqualTo("+15550001111");
    }

    @Test
    void aMissedCallGetsVoicemailAndIsReportedOnceHoweverOftenTwilioRetries() {
        String callSid = Webhooks.callSid(2);

        for (int attempt = 0; attempt < 3; attempt++) {
            Response response = Webhooks.post("/twilio/voice/dial-complete",
                    Webhooks.dialComplete(callSid, CALLER, NUMBER, "no-answer"));
            assertThat(response.statusCode()).isEqualTo(200);
            TwiMl twiml = TwiMl.parse(response.asString());
            assertThat(twiml.verbs()).containsExactly("Say", "Record", "Hangup");
            assertThat(twiml.one("Say").getTextContent()).contains("Glow Aesthetics");
        }

        List<CallMissed> reported = missedCalls(callSid, 1);
        assertThat(reported).hasSize(1);
        CallMissed missed = reported.get(0);
        assertThat(missed.accountId()).isEqualTo("glow");
        assertThat(missed.from()).isEqualTo(CALLER);
        assertThat(missed.to()).isEqualTo(NUMBER);
        assertThat(missed.dialStatus()).isEqualTo(DialStatus.NO_ANSWER);
        assertThat(missed.callerWithheld()).isFalse();
    }

    @Test
    void anAnsweredCallIsNotMissed() {
        String callSid = Webhooks.callSid(3);

        Response response = Webhooks.post("/twilio/voice/dial-complete",
                Webhooks.dialComplete(callSid, CALLER, NUMBER, "completed"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TwiMl.parse(response.asString()).verbs()).isEmpty();
        assertThat(missedCalls(callSid, 0)).isEmpty();
    }

    @Test
    void aWithheldCallerIsReportedWithTheFlag() {
        String callSid = Webhooks.callSid(4);

        Webhooks.post("/twilio/voice/dial-complete", Webhooks.dialComplete(callSid, "anonymous", NUMBER, "busy"))
                .then().statusCode(200);

        assertThat(missedCalls(callSid, 1)).singleElement().satisfies(m -> {
            assertThat(m.callerWithheld()).isTrue();
            assertThat(m.dialStatus()).isEqualTo(DialStatus.BUSY);
        });
    }

    @Test
    void aCallToANumberNoAccountOwnsStillGetsAValidCallButNoReport() {
        String callSid = Webhooks.callSid(5);

        Response incoming = Webhooks.post("/twilio/voice/incoming", Webhooks.call(callSid, CALLER, "+15559990000"));
        assertThat(TwiMl.parse(incoming.asString()).verbs()).containsExactly("Say", "Record", "Hangup");
        Webhooks.post("/twilio/voice/dial-complete", Webhooks.dialComplete(callSid, CALLER, "+15559990000", "no-answer"))
                .then().statusCode(200);

        assertThat(missedCalls(callSid, 0)).isEmpty();
    }

    @Test
    void anUnsignedOrWronglySignedRequestIsRefusedAndPublishesNothing() {
        String callSid = Webhooks.callSid(6);
        Map<String, String> params = Webhooks.dialComplete(callSid, CALLER, NUMBER, "no-answer");

        given().formParams(params).post("/twilio/voice/dial-complete").then().statusCode(403);
        given().formParams(params).header("X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl")
                .post("/twilio/voice/dial-complete").then().statusCode(403);
        // Signed for another URL (a replay against another endpoint).
        given().formParams(params)
                .header("X-Twilio-Signature", com.mctb.twilio.standin.TwilioWebhookSigner.sign(Webhooks.TOKEN,
                        Webhooks.PUBLIC_BASE + "/twilio/voice/incoming", params))
                .post("/twilio/voice/dial-complete").then().statusCode(403);

        assertThat(missedCalls(callSid, 0)).isEmpty();
    }

    @Test
    void afterTheVoicemailTheCallIsHungUpAndEveryVoiceEndpointWantsASignature() {
        Map<String, String> params = Webhooks.call(Webhooks.callSid(31), CALLER, NUMBER);

        Response response = Webhooks.post("/twilio/voice/voicemail-done", params);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TwiMl.parse(response.asString()).verbs()).containsExactly("Hangup");
        for (String endpoint : List.of("incoming", "dial-complete", "voicemail-done", "screen", "screen-result",
                "recording-complete", "transcription", "status")) {
            given().formParams(params).post("/twilio/voice/" + endpoint).then().statusCode(403);
        }
    }

    @Test
    void whatCannotBeATwilioRequestIsA400WithTheReason() {
        Map<String, String> noSid = Webhooks.call(Webhooks.callSid(7), CALLER, NUMBER);
        noSid.remove("CallSid");
        Webhooks.post("/twilio/voice/incoming", noSid).then().statusCode(400)
                .body(org.hamcrest.Matchers.containsString("CallSid is required"));

        Webhooks.post("/twilio/voice/incoming", Webhooks.call("CA-not-a-sid", CALLER, NUMBER)).then().statusCode(400);
        Webhooks.post("/twilio/voice/incoming", Webhooks.call(Webhooks.callSid(8), CALLER, "not-a-number"))
                .then().statusCode(400).body(org.hamcrest.Matchers.containsString("To"));
    }

    @Test
    void anUnknownDialStatusEndsTheCallWithValidTwiml() {
        Response response = Webhooks.post("/twilio/voice/dial-complete",
                Webhooks.dialComplete(Webhooks.callSid(20), CALLER, NUMBER, "exploded"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TwiMl.parse(response.asString()).verbs()).containsExactly("Hangup");
    }

    @Test
    void aRequestWithoutFromIsA400() {
        Map<String, String> params = Webhooks.call(Webhooks.callSid(21), CALLER, NUMBER);
        params.remove("From");

        Webhooks.post("/twilio/voice/incoming", params).then().statusCode(400)
                .body(org.hamcrest.Matchers.containsString("From is required"));
    }

    @Test
    void aFormBodyOver64KibIsRefused() {
        Map<String, String> params = Webhooks.call(Webhooks.callSid(22), CALLER, NUMBER);
        params.put("Padding", "x".repeat(70 * 1024));

        assertThat(Webhooks.post("/twilio/voice/incoming", params).statusCode()).isEqualTo(413);
    }

    @Test
    void aSubaccountSignsWithItsOwnTokenAndItsUnregisteredNumbersGetItsAccountDefaults() {
        Map<String, String> params = Webhooks.call(Webhooks.callSid(23), CALLER, "+15559997777");
        params.put("AccountSid", KnownNumbers.SUBACCOUNT_SID);

        // The main account's token is not this subaccount's.
        assertThat(Webhooks.post("/twilio/voice/incoming", params).statusCode()).isEqualTo(403);

        Response response = Webhooks.postSigned("/twilio/voice/incoming", params, "subaccount-token");
        assertThat(response.statusCode()).isEqualTo(200);
        TwiMl twiml = TwiMl.parse(response.asString());
        assertThat(twiml.one("Dial").getAttribute("timeout")).isEqualTo("14");
        assertThat(twiml.one("Number").getTextContent()).isEqualTo("+15550003333");

        Map<String, String> missed = Webhooks.dialComplete(Webhooks.callSid(23), CALLER, "+15559997777", "no-answer");
        missed.put("AccountSid", KnownNumbers.SUBACCOUNT_SID);
        Webhooks.postSigned("/twilio/voice/dial-complete", missed, "subaccount-token").then().statusCode(200);
        assertThat(KnownNumbers.missedCalls(Webhooks.callSid(23), 1)).singleElement()
                .satisfies(m -> assertThat(m.accountId()).isEqualTo("sub"));
    }

    @Test
    void readinessDoesNotDependOnKafkaOrTheDatabaseWhichAreReportedUnderWellness() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("Kafka broker")));
        given().get("/q/health/well").then().statusCode(200)
                .body("checks.name", org.hamcrest.Matchers.hasItems("Kafka broker", "PostgreSQL"));
    }

    private static List<CallMissed> missedCalls(String callSid, int expected) {
        return KnownNumbers.missedCalls(callSid, expected);
    }
}

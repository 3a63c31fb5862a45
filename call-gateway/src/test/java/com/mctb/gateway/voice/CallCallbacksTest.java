package com.mctb.gateway.voice;

import static com.mctb.gateway.voice.KnownNumbers.CALLER;
import static com.mctb.gateway.voice.KnownNumbers.GLOW;
import static com.mctb.gateway.voice.KnownNumbers.GLOW_SCREENED;
import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.contracts.Topics;
import com.mctb.contracts.event.DialStatus;
import com.mctb.contracts.event.VoicemailRecorded;
import com.mctb.contracts.json.EventJson;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TwilioStandInResource;
import com.mctb.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** Twilio's other voice callbacks: call status, recordings, and human-answer confirmation on screened forwards. */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class CallCallbacksTest {

    @BeforeEach
    void numbersAreKnownToTheGateway() {
        KnownNumbers.publishAndAwait();
    }

    @Test
    void aCallerWhoHangsUpBeforeAnyDialCallbackIsStillReportedOnce() {
        String callSid = Webhooks.callSid(100);
        Webhooks.post("/twilio/voice/incoming", Webhooks.call(callSid, CALLER, GLOW)).then().statusCode(200);

        Map<String, String> ended = status(callSid, GLOW, "completed");
        Webhooks.post("/twilio/voice/status", ended).then().statusCode(200);
        Webhooks.post("/twilio/voice/status", ended).then().statusCode(200);

        assertThat(KnownNumbers.missedCalls(callSid, 1)).singleElement()
                .satisfies(m -> assertThat(m.dialStatus()).isEqualTo(DialStatus.CANCELED));
    }

    @Test
    void anAnsweredCallIsNotReportedWhenItsStatusCallbackComesFirst() {
        String callSid = Webhooks.callSid(101);
        Webhooks.post("/twilio/voice/incoming", Webhooks.call(callSid, CALLER, GLOW)).then().statusCode(200);

        // Out of order: the final status arrives before the (answered) dial callback, within the grace period.
        Webhooks.post("/twilio/voice/status", status(callSid, GLOW, "completed")).then().statusCode(200);
        Webhooks.post("/twilio/voice/dial-complete", Webhooks.dialComplete(callSid, CALLER, GLOW, "completed"))
                .then().statusCode(200);

        assertThat(KnownNumbers.missedCalls(callSid, 0)).isEmpty();
    }

    @Test
    void aMissedCallReportedByTheDialCallbackIsNotReportedAgainByItsStatus() {
        String callSid = Webhooks.callSid(102);
        Webhooks.post("/twilio/voice/dial-complete", Webhooks.dialComplete(callSid, CALLER, GLOW, "no-answer"))
                .then().statusCode(200);
        Webhooks.post("/twilio/voice/status", status(callSid, GLOW, "completed")).then().statusCode(200);

        assertThat(KnownNumbers.missedCalls(callSid, 1)).hasSize(1);
    }

    @Test
    void aVoicemailIsPublishedOncePerRecording() {
        String callSid = Webhooks.callSid(103);
        Webhooks.post("/twilio/voice/dial-complete", Webhooks.dialComplete(callSid, CALLER, GLOW, "busy"))
                .then().statusCode(200);
        Map<String, String> recording = recording(callSid, "RE" + "a".repeat(32));

        Webhooks.post("/twilio/voice/recording-complete", recording).then().statusCode(200);
        Webhooks.post("/twilio/voice/recording-complete", recording).then().statusCode(200);

        List<VoicemailRecorded> voicemails = TopicProbe.readUntil(Topics.CALLS_VOICEMAIL,
                        rs -> rs.stream().anyMatch(r -> r.value().contains(callSid)), Duration.ofSeconds(20),
                        Duration.ofSeconds(1)).stream()
                .filter(r -> r.value().contains(callSid))
                .map(r -> EventJson.decode(r.value(), VoicemailRecorded.class)).toList();
        assertThat(voicemails).singleElement().satisfies(v -> {
            assertThat(v.accountId()).isEqualTo("glow");
            assertThat(v.from()).isEqualTo(CALLER);
            assertThat(v.durationSeconds()).isEqualTo(14);
            assertThat(v.recordingUrl()).isEqualTo("https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/RE" + "a".repeat(32));
        });
    }

    @Test
    void aRecordingCallbackWithoutARecordingSidIsA400() {
        Map<String, String> recording = recording(Webhooks.callSid(104), "not-a-recording");

        Webhooks.post("/twilio/voice/recording-complete", recording).then().statusCode(400);
    }

    @Test
    void aScreenedForwardAsksThePersonToPressAKey() {
        String callSid = Webhooks.callSid(105);

        TwiMl dial = TwiMl.parse(Webhooks.post("/twilio/voice/incoming", Webhooks.call(callSid, CALLER, GLOW_SCREENED)).asString());
        Element number = dial.one("Number");
        assertThat(number.getAttribute("url")).isEqualTo("https://hooks.gateway.test/twilio/voice/screen?number=%2B15557654322");
        assertThat(dial.one("Client").getAttribute("url")).isEqualTo(number.getAttribute("url"));
        assertThat(dial.one("Dial").getAttribute("callerId")).isEqualTo("+15557654322");
        assertThat(dial.one("Dial").getAttribute("answerOnBridge")).isEqualTo("false");

        TwiMl screen = TwiMl.parse(Webhooks.post("/twilio/voice/screen?number=%2B15557654322", leg(callSid)).asString());
        assertThat(screen.verbs()).containsExactly("Gather", "Hangup");
        assertThat(screen.one("Gather").getAttribute("numDigits")).isEqualTo("1");
        assertThat(screen.one("Say").getTextContent()).contains("Glow Aesthetics");
    }

    @Test
    void aScreenedForwardAnsweredByVoicemailCountsAsMissed() {
        String callSid = Webhooks.callSid(106);
        Webhooks.post("/twilio/voice/incoming", Webhooks.call(callSid, CALLER, GLOW_SCREENED)).then().statusCode(200);

        // The forwarded phone's voicemail "answered": nobody pressed a key, Twilio reports the dial completed.
        Response response = Webhooks.post("/twilio/voice/dial-complete",
                Webhooks.dialComplete(callSid, CALLER, GLOW_SCREENED, "completed"));

        assertThat(TwiMl.parse(response.asString()).verbs()).containsExactly("Play", "Record", "Hangup");
        assertThat(KnownNumbers.missedCalls(callSid, 1)).singleElement()
                .satisfies(m -> assertThat(m.dialStatus()).isEqualTo(DialStatus.NO_ANSWER));
    }

    @Test
    void aScreenedForwardConfirmedByAPersonIsAnswered() {
        String callSid = Webhooks.callSid(107);
        Webhooks.post("/twilio/voice/incoming", Webhooks.call(callSid, CALLER, GLOW_SCREENED)).then().statusCode(200);
        Map<String, String> pressed = leg(callSid);
        pressed.put("Digits", "1");

        assertThat(TwiMl.parse(Webhooks.post("/twilio/voice/screen-result", pressed).asString()).verbs()).isEmpty();
        Response response = Webhooks.post("/twilio/voice/dial-complete",
                Webhooks.dialComplete(callSid, CALLER, GLOW_SCREENED, "completed"));

        assertThat(TwiMl.parse(response.asString()).verbs()).isEmpty();
        Webhooks.post("/twilio/voice/status", status(callSid, GLOW_SCREENED, "completed")).then().statusCode(200);
        assertThat(KnownNumbers.missedCalls(callSid, 0)).isEmpty();
    }

    private static Map<String, String> status(String callSid, String to, String callStatus) {
        Map<String, String> params = Webhooks.call(callSid, CALLER, to);
        params.put("CallStatus", callStatus);
        params.put("CallDuration", "9");
        return params;
    }

    private static Map<String, String> recording(String callSid, String recordingSid) {
        return new java.util.LinkedHashMap<>(Map.of(
                "AccountSid", com.mctb.testkit.TwilioStandInResource.ACCOUNT_SID,
                "CallSid", callSid,
                "RecordingSid", recordingSid,
                "RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/" + recordingSid,
                "RecordingStatus", "completed",
                "RecordingDuration", "14",
                "RecordingChannels", "1",
                "RecordingSource", "RecordVerb"));
    }

    /** The forwarded leg's request: its own CallSid, the caller's as ParentCallSid. */
    private static Map<String, String> leg(String parentCallSid) {
        Map<String, String> params = Webhooks.call("CA" + "e".repeat(32), "+15557654322", "+15550002222");
        params.put("ParentCallSid", parentCallSid);
        params.put("Direction", "outbound-dial");
        params.put("CallStatus", "in-progress");
        return params;
    }
}

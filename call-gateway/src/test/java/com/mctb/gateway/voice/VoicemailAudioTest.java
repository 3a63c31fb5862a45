package com.mctb.gateway.voice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.CallAnswered;
import com.mctb.contracts.event.Event;
import com.mctb.contracts.event.VoicemailRecorded;
import com.mctb.contracts.event.VoicemailTranscribed;
import com.mctb.contracts.json.EventJson;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestTokens;
import com.mctb.testkit.TopicProbe;
import com.mctb.testkit.TwilioStandInResource;
import com.mctb.twilio.standin.ApiRequest;
import com.mctb.twilio.standin.TwilioApiStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * A caller's voicemail from the {@code <Record>} the gateway answers to the audio a browser plays: the stand-in posts
 * Twilio's signed recording and transcription callbacks to the URLs the TwiML named, and serves the recording only to
 * the Twilio account's credentials; the gateway reports both once and serves the audio, with Range, to the account's
 * token only. An answered call is reported as CallAnswered for the conversation.
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class VoicemailAudioTest {

    private static final String CALLER = KnownNumbers.CALLER;
    private static final String NUMBER = KnownNumbers.GLOW;
    private static final int SECONDS = 3;
    private static final int WAV_BYTES = 44 + SECONDS * 8000 * 2;

    @TestHTTPResource("/")
    URL gateway;

    @BeforeEach
    void numbersAreKnownAndTwilioCallsUsBack() {
        KnownNumbers.publishAndAwait();
        standIn().redirectRecordingCallbacks(Webhooks.PUBLIC_BASE, gateway.toString().replaceAll("/$", ""));
    }

    @Test
    void aVoicemailIsReportedWithItsTranscriptionOnceAndItsAudioServedToItsAccountWithRange() {
        String callSid = Webhooks.callSid(70_001);
        String recording = leaveVoicemail(callSid, "Hi, it's Dana. Please call me back about Tuesday.");

        VoicemailRecorded recorded = awaitEvent(VoicemailRecorded.class, e -> e.recordingSid().equals(recording));
        assertThat(recorded.accountId()).isEqualTo("glow");
        assertThat(recorded.from()).isEqualTo(CALLER);
        assertThat(recorded.durationSeconds()).isEqualTo(SECONDS);
        VoicemailTranscribed transcribed = awaitEvent(VoicemailTranscribed.class,
                e -> e.recordingSid().equals(recording));
        assertThat(transcribed.failed()).isFalse();
        assertThat(transcribed.text()).isEqualTo("Hi, it's Dana. Please call me back about Tuesday.");
        assertThat(transcribed.callSid()).isEqualTo(callSid);

        Response whole = TestTokens.as("glow").get(audio("glow", recording));
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.contentType()).isEqualTo("audio/wav");
        assertThat(whole.header("Accept-Ranges")).isEqualTo("bytes");
        byte[] wav = whole.asByteArray();
        assertThat(wav).hasSize(WAV_BYTES);
        assertThat(new String(wav, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RIFF");

        Response part = TestTokens.as("glow").header("Range", "bytes=44-143").get(audio("glow", recording));
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 44-143/" + WAV_BYTES);
        assertThat(part.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(wav, 44, 144));
        Response tail = TestTokens.as("glow").header("Range", "bytes=-10").get(audio("glow", recording));
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.asByteArray()).hasSize(10);
        Response past = TestTokens.as("glow").header("Range", "bytes=" + WAV_BYTES + "-").get(audio("glow", recording));
        assertThat(past.statusCode()).isEqualTo(416);
        assertThat(past.header("Content-Range")).isEqualTo("bytes */" + WAV_BYTES);
    }

    @Test
    void anotherAccountsTokenIsRefusedAndAnotherAccountsRecordingIsNotFound() {
        String recording = leaveVoicemail(Webhooks.callSid(70_002), "Second message");
        awaitEvent(VoicemailRecorded.class, e -> e.recordingSid().equals(recording));

        assertThat(TestTokens.as("other").get(audio("glow", recording)).statusCode()).isEqualTo(403);
        assertThat(given().get(audio("glow", recording)).statusCode()).isEqualTo(401);
        Response elsewhere = TestTokens.as("other").get(audio("other", recording));
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(elsewhere.contentType()).startsWith("application/problem+json");
        assertThat(TestTokens.as("glow").get(audio("glow", "RE" + "0".repeat(32))).statusCode()).isEqualTo(404);
        assertThat(TestTokens.as("glow").get(audio("glow", "not-a-sid")).statusCode()).isEqualTo(404);
    }

    @Test
    void aRepeatedTranscriptionCallbackIsReportedOnceAndOneForAnUnknownRecordingIsOnlyLogged() {
        String callSid = Webhooks.callSid(70_003);
        String recording = leaveVoicemail(callSid, "Once only");
        awaitEvent(VoicemailTranscribed.class, e -> e.recordingSid().equals(recording));
        Map<String, String> again = transcriptionForm(callSid, recording, "completed", "Once only, again");

        assertThat(Webhooks.post("/twilio/voice/transcription", again).statusCode()).isEqualTo(200);
        Response unknown = Webhooks.post("/twilio/voice/transcription",
                transcriptionForm(callSid, "RE" + "9".repeat(32), "completed", "nobody's"));
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.asString()).contains("<Response");
        Response forged = Webhooks.postSigned("/twilio/voice/transcription", again, "not-the-token");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(Webhooks.post("/twilio/voice/transcription", transcriptionForm(callSid, "RE1", "completed", "x"))
                .statusCode()).isEqualTo(400);

        List<VoicemailTranscribed> reported = events(VoicemailTranscribed.class,
                e -> e.callSid().equals(callSid), Duration.ofSeconds(3));
        assertThat(reported).singleElement().satisfies(t -> assertThat(t.text()).isEqualTo("Once only"));
    }

    @Test
    void aFailedTranscriptionIsReportedAndTheVoicemailStillPlays() {
        String recording = leaveVoicemail(Webhooks.callSid(70_004), null);

        VoicemailTranscribed transcribed = awaitEvent(VoicemailTranscribed.class,
                e -> e.recordingSid().equals(recording));
        assertThat(transcribed.failed()).isTrue();
        assertThat(transcribed.text()).isNull();
        assertThat(TestTokens.as("glow").get(audio("glow", recording)).statusCode()).isEqualTo(200);
    }

    @Test
    void aRecordingTwilioNoLongerHasIsGoneWithTheReason() {
        String recording = leaveVoicemail(Webhooks.callSid(70_005), "Deleted later");
        awaitEvent(VoicemailRecorded.class, e -> e.recordingSid().equals(recording));
        assertThat(standIn().deleteRecording(recording)).isTrue();

        Response gone = TestTokens.as("glow").get(audio("glow", recording));
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.jsonPath().getString("detail")).contains("Twilio no longer has the recording");
    }

    @Test
    void anAnsweredCallIsReportedOnceForTheConversation() {
        String callSid = Webhooks.callSid(70_006);
        for (int i = 0; i < 2; i++) {
            Webhooks.post("/twilio/voice/dial-complete", Webhooks.dialComplete(callSid, CALLER, NUMBER, "completed"))
                    .then().statusCode(200);
        }

        List<CallAnswered> answered = events(CallAnswered.class, e -> e.callSid().equals(callSid),
                Duration.ofSeconds(2));
        assertThat(answered).singleElement().satisfies(a -> {
            assertThat(a.accountId()).isEqualTo("glow");
            assertThat(a.from()).isEqualTo(CALLER);
            assertThat(a.to()).isEqualTo(NUMBER);
        });
    }

    /**
     * Every request the gateway made to the stand-in's Recordings resource is one Twilio's OpenAPI description
     * defines (../shared/twilio/twilio_api_v2010.json): a GET of {@code …/Recordings/{Sid}} (the media is the resource
     * with another extension than {@code .json}), with the path parameters' patterns and no query parameter it lacks.
     */
    @Test
    void theRecordingsRequestsAreOnesTwiliosDescriptionDefines() throws IOException {
        String recording = leaveVoicemail(Webhooks.callSid(70_007), "Conformance");
        awaitEvent(VoicemailRecorded.class, e -> e.recordingSid().equals(recording));
        TestTokens.as("glow").get(audio("glow", recording)).then().statusCode(200);

        JsonNode operation = spec().path("paths").path("/2010-04-01/Accounts/{AccountSid}/Recordings/{Sid}.json")
                .path("get");
        assertThat(operation.isMissingNode()).as("the description has the operation").isFalse();
        Map<String, Pattern> pathPatterns = new java.util.HashMap<>();
        List<String> queryNames = new ArrayList<>();
        for (JsonNode p : operation.path("parameters")) {
            if (p.path("in").asText().equals("path")) {
                pathPatterns.put(p.path("name").asText(), Pattern.compile(p.path("schema").path("pattern").asText()));
            } else {
                queryNames.add(p.path("name").asText());
            }
        }
        Pattern resource = Pattern.compile("^/2010-04-01/Accounts/([^/]+)/Recordings/([^/.]+)(\\.wav|\\.mp3|\\.json)?$");
        List<ApiRequest> requests = standIn().apiRequests().stream()
                .filter(r -> r.path().contains("/Recordings/")).toList();
        assertThat(requests).isNotEmpty();
        for (ApiRequest request : requests) {
            var m = resource.matcher(request.path());
            assertThat(m.matches()).as(request.path()).isTrue();
            // The recording retention's deletions (RingPatternsAndRecordingsTest) share the stand-in's journal.
            assertThat(request.method()).isIn("GET", "DELETE");
            if (request.method().equals("DELETE")) {
                assertThat(request.path()).endsWith(".json");
                assertThat(spec().path("paths").path("/2010-04-01/Accounts/{AccountSid}/Recordings/{Sid}.json")
                        .path("delete").isMissingNode()).isFalse();
            }
            assertThat(pathPatterns.get("AccountSid").matcher(m.group(1)).matches()).as(request.path()).isTrue();
            assertThat(pathPatterns.get("Sid").matcher(m.group(2)).matches()).as(request.path()).isTrue();
            assertThat(queryNames).containsAll(request.params().keySet());
            assertThat(request.status()).as("answered with the credentials of the account").isIn(200, 204, 404);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** A missed call whose caller leaves a voicemail: Twilio runs the TwiML's {@code <Record>}. */
    private String leaveVoicemail(String callSid, String transcription) {
        Response twiml = Webhooks.post("/twilio/voice/dial-complete",
                Webhooks.dialComplete(callSid, CALLER, NUMBER, "no-answer"));
        Element record = TwiMl.parse(twiml.asString()).one("Record");
        assertThat(record.getAttribute("transcribe")).isEqualTo("true");
        return standIn().recordVoicemail(TwilioStandInResource.ACCOUNT_SID, TwilioStandInResource.AUTH_TOKEN, callSid,
                CALLER, NUMBER, SECONDS, transcription, record.getAttribute("recordingStatusCallback"),
                record.getAttribute("transcribeCallback"));
    }

    private static Map<String, String> transcriptionForm(String callSid, String recording, String status, String text) {
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("AccountSid", TwilioStandInResource.ACCOUNT_SID);
        form.put("CallSid", callSid);
        form.put("RecordingSid", recording);
        form.put("TranscriptionStatus", status);
        form.put("TranscriptionText", text);
        return form;
    }

    private static String audio(String account, String recording) {
        return "/api/accounts/" + account + "/voicemails/" + recording + "/audio";
    }

    private static TwilioApiStandIn standIn() {
        return TwilioStandInResource.standIn();
    }

    private static <E extends Event> E awaitEvent(Class<E> type, Predicate<E> which) {
        List<E> found = events(type, which, Duration.ZERO);
        assertThat(found).as("a " + type.getSimpleName()).isNotEmpty();
        return found.get(0);
    }

    /** The events of {@code type} on their topic that match, once one does, read {@code linger} more. */
    private static <E extends Event> List<E> events(Class<E> type, Predicate<E> which, Duration linger) {
        String topic = type == CallAnswered.class ? Topics.CALLS_ANSWERED : Topics.CALLS_VOICEMAIL;
        Predicate<String> matches = value -> {
            try {
                Event event = EventJson.decode(value, Event.class);
                return type.isInstance(event) && which.test(type.cast(event));
            } catch (RuntimeException notThisOne) {
                return false;
            }
        };
        return TopicProbe.readUntil(topic, rs -> rs.stream().anyMatch(r -> r.value() != null && matches.test(r.value())),
                        Duration.ofSeconds(20), linger).stream()
                .filter(r -> r.value() != null && matches.test(r.value()))
                .map(r -> type.cast(EventJson.decode(r.value(), Event.class))).toList();
    }

    private static JsonNode spec() throws IOException {
        Path file = Path.of("../../shared/twilio/twilio_api_v2010.json");
        if (!Files.exists(file)) {
            file = Path.of("../shared/twilio/twilio_api_v2010.json");
        }
        if (!Files.exists(file)) {
            // A git worktree one level further down (/work/wt/<x>/call-gateway).
            file = Path.of("../../../shared/twilio/twilio_api_v2010.json");
        }
        assertThat(file).as("Twilio's OpenAPI description beside the repository").exists();
        return new ObjectMapper().readTree(file.toFile());
    }
}

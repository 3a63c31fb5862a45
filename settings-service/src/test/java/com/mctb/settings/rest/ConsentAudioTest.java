package com.mctb.settings.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import com.mctb.contracts.Topics;
import com.mctb.contracts.event.CallSettingsChanged;
import com.mctb.settings.domain.audio.TestAudio;
import com.mctb.settings.testing.Fixtures;
import com.mctb.settings.testing.TwilioStandIn;
import com.mctb.settings.testing.WorkflowServiceStandIn;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The recording consent announcement as uploaded audio: checked by the greeting's rules, stored and served like a
 * greeting, and refused with a 400 naming {@code file} (413 over 10 MB).
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(WorkflowServiceStandIn.class)
@WithTestResource(TwilioStandIn.class)
class ConsentAudioTest {

    private static final String PUBLIC_URL = "^http://localhost:8081/public/greetings/[A-Za-z0-9_-]{22}\\.(mp3|wav)$";
    private static final String NUMBER = "+15551290001";

    private static Response upload(String accountId, String levelPath, byte[] file, String name, String type) {
        return TestTokens.as(accountId).multiPart("file", name, file, type)
                .put("/api/accounts/" + accountId + "/" + levelPath + "/consent-audio");
    }

    @Test
    void aNumbersConsentAudioIsPublishedAsTheRecordingsConsentAudioUrlAndTwilioFetchesIt() {
        Fixtures.account("consent", "Consent Dental");
        Fixtures.number("consent", NUMBER);
        Fixtures.callSettings("consent", "numbers/" + NUMBER + "/call-settings",
                Map.of("recordCalls", true, "consentText", "This call is recorded."));
        byte[] wav = TestAudio.wav(2.5, 8000, 1, 16);
        String accounts = upload("consent", "call-settings", TestAudio.mp3(100, 128, 44100, false), "a.mp3",
                "audio/mpeg").then().statusCode(201)
                .body("previewUrl", equalTo("/api/accounts/consent/call-settings/consent-audio"))
                .extract().path("publicUrl");
        String numbers = upload("consent", "numbers/" + NUMBER + "/call-settings", wav, "consent.wav", "audio/wav")
                .then().statusCode(201)
                .body("level", equalTo("NUMBER")).body("format", equalTo("WAV"))
                .body("durationSeconds", equalTo(2.5f))
                .body("previewUrl", equalTo("/api/accounts/consent/numbers/" + NUMBER + "/call-settings/consent-audio"))
                .body("publicUrl", matchesPattern(PUBLIC_URL))
                .extract().path("publicUrl");

        CallSettingsChanged published = Fixtures.latest(Topics.SETTINGS_CALL, "consent/" + NUMBER,
                CallSettingsChanged.class, s -> numbers.equals(s.recording().consentAudioUrl()));
        assertThat(published.recording().enabled()).isTrue();
        assertThat(published.recording().consentText()).isEqualTo("This call is recorded.");
        assertThat(published.greetingUrl()).as("the consent audio is not the greeting").isNull();
        Response fetched = given().get(URI.create(numbers).getPath());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.contentType()).isEqualTo("audio/wav");
        assertThat(fetched.asByteArray()).isEqualTo(wav);
        TestTokens.as("consent").header("Range", "bytes=0-3")
                .get("/api/accounts/consent/numbers/" + NUMBER + "/call-settings/consent-audio")
                .then().statusCode(206).body(equalTo("RIFF"));
        TestTokens.as("consent").get("/api/accounts/consent/numbers/" + NUMBER + "/call-settings")
                .then().statusCode(200).body("consentAudio.publicUrl", equalTo(numbers)).body("greeting", nullValue());
        TestTokens.as("consent").queryParam("number", NUMBER).get("/api/accounts/consent/call-settings/effective")
                .then().statusCode(200)
                .body("consentAudio.source", equalTo("NUMBER")).body("consentAudio.value.publicUrl", equalTo(numbers))
                .body("greeting.source", equalTo("SYSTEM"));

        // Removed: the account's applies; removed there too: the text is spoken (consentAudioUrl null).
        TestTokens.as("consent").delete("/api/accounts/consent/numbers/" + NUMBER + "/call-settings/consent-audio")
                .then().statusCode(204);
        Fixtures.latest(Topics.SETTINGS_CALL, "consent/" + NUMBER, CallSettingsChanged.class,
                s -> accounts.equals(s.recording().consentAudioUrl()));
        given().get(URI.create(numbers).getPath()).then().statusCode(404);
        TestTokens.as("consent").queryParam("number", NUMBER).get("/api/accounts/consent/call-settings/effective")
                .then().statusCode(200).body("consentAudio.source", equalTo("ACCOUNT"));
        TestTokens.as("consent").delete("/api/accounts/consent/call-settings/consent-audio").then().statusCode(204);
        CallSettingsChanged spoken = Fixtures.latest(Topics.SETTINGS_CALL, "consent/" + NUMBER,
                CallSettingsChanged.class, s -> s.recording().consentAudioUrl() == null);
        assertThat(spoken.recording().consentText()).isEqualTo("This call is recorded.");
        TestTokens.as("consent").get("/api/accounts/consent/call-settings/consent-audio").then().statusCode(404)
                .body("detail", containsString("consent text"));
    }

    /** A multipart upload of {@code file} as a browser's form sends it: one body with its Content-Length. */
    private static java.net.http.HttpResponse<String> withContentLength(String accountId, String levelPath,
            byte[] file) {
        byte[] body = TestAudio.concat(("--b0undary\r\nContent-Disposition: form-data; name=\"file\"; "
                + "filename=\"consent.wav\"\r\nContent-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
                file, "\r\n--b0undary--\r\n".getBytes(StandardCharsets.US_ASCII));
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create(
                                    io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                                            + "/api/accounts/" + accountId + "/" + levelPath + "/consent-audio"))
                            .header("Authorization", "Bearer " + TestTokens.forAccount(accountId))
                            .header("Content-Type", "multipart/form-data; boundary=b0undary")
                            .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Issue 19's bad input: "a consent audio that is not audio: a 400 naming the field, nothing saved". Every file
     * that cannot be played to a caller is a 400 naming {@code file} with its reason, at the number's level and the
     * account's; the previous audio (or none) stays.
     */
    @Test
    void everyFileThatIsNotUsableAudioIsA400NamingTheFileWithTheReasonAndNothingIsSaved() {
        Fixtures.account("noconsent", "No Consent");
        Fixtures.number("noconsent", "+15551290002");
        String number = "numbers/+15551290002/call-settings";
        byte[] before = TestAudio.wav(1.5, 8000, 1, 16);
        upload("noconsent", "call-settings", before, "before.wav", "audio/wav").then().statusCode(201);
        byte[] text = "This call may be recorded.\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> refused = new java.util.LinkedHashMap<>();
        refused.put("neither an MP3", text);
        refused.put("truncated", TestAudio.truncate(TestAudio.wav(2, 8000, 1, 16), 2000));
        refused.put("nothing to hear", TestAudio.wav(0.05, 8000, 1, 16));
        refused.put("the file is empty", new byte[0]);
        refused.put("at most 180 seconds", TestAudio.wav(181, 8000, 1, 8));
        refused.put("μ-law", TestAudio.wavEncoded(7, 1, 8000, 8));
        refused.put("MPEG-1 Layer II", TestAudio.mp2(40));

        for (String level : java.util.List.of(number, "call-settings")) {
            for (Map.Entry<String, byte[]> file : refused.entrySet()) {
                Response answer = upload("noconsent", level, file.getValue(), "consent.wav", "audio/wav");
                assertThat(answer.statusCode()).as(level + ": " + file.getKey()).isEqualTo(400);
                assertThat(answer.contentType()).isEqualTo("application/problem+json");
                assertThat(answer.jsonPath().getString("title")).isEqualTo("Bad Request");
                assertThat(answer.jsonPath().getString("detail")).startsWith("consent audio refused: ")
                        .contains(file.getKey());
                assertThat(answer.jsonPath().getList("errors.field")).containsExactly("file");
                assertThat(answer.jsonPath().getString("errors[0].message")).contains(file.getKey());
            }
            TestTokens.as("noconsent").multiPart("other", "x.wav", TestAudio.wav(1, 8000, 1, 16), "audio/wav")
                    .put("/api/accounts/noconsent/" + level + "/consent-audio")
                    .then().statusCode(400).body("errors[0].field", equalTo("file"))
                    .body("errors[0].message", containsString("part named 'file'"));
        }

        // Nothing saved: the number still has none, the account still has the audio it had.
        TestTokens.as("noconsent").get("/api/accounts/noconsent/" + number + "/consent-audio").then().statusCode(404);
        TestTokens.as("noconsent").get("/api/accounts/noconsent/" + number).then().statusCode(200)
                .body("consentAudio", nullValue());
        assertThat(TestTokens.as("noconsent").get("/api/accounts/noconsent/call-settings/consent-audio").then()
                .statusCode(200).extract().asByteArray()).isEqualTo(before);
        TestTokens.as("noconsent").queryParam("number", "+15551290002")
                .get("/api/accounts/noconsent/call-settings/effective").then().statusCode(200)
                .body("consentAudio.source", equalTo("ACCOUNT")).body("consentAudio.value.durationSeconds", equalTo(1.5f));
        // Another account cannot read or replace it.
        Fixtures.account("intruder", "Intruder");
        TestTokens.as("intruder").multiPart("file", "x.wav", TestAudio.wav(1, 8000, 1, 16), "audio/wav")
                .put("/api/accounts/noconsent/" + number + "/consent-audio").then().statusCode(403);
    }

    /** The voicemail greeting keeps its older answers (its clients depend on them): 415 and 422. */
    @Test
    void aGreetingThatIsNotAudioIsStill415And422() {
        Fixtures.account("stillgreeting", "Still Greeting");
        byte[] text = "Thanks for calling.\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        Fixtures.uploadGreeting("stillgreeting", "call-settings", text, "g.mp3", "audio/mpeg").then().statusCode(415)
                .body("detail", containsString("greeting refused")).body("errors[0].field", equalTo("file"));
        Fixtures.uploadGreeting("stillgreeting", "call-settings", TestAudio.wav(181, 8000, 1, 8), "long.wav",
                "audio/wav").then().statusCode(422).body("detail", containsString("at most 180 seconds"));
    }

    /**
     * A consent audio may be as large as a greeting (10 MB): over it is 413, the request body's limit, naming
     * {@code file}; under it, more than the 1 MB of a JSON request is accepted.
     */
    @Test
    void aConsentAudioOverTenMegabytesIs413AndOneOverAMegabyteIsAccepted() {
        Fixtures.account("bigconsent", "Big Consent");
        byte[] twoMegabytes = TestAudio.wav(120, 8000, 1, 16);
        assertThat(twoMegabytes.length).isGreaterThan(1024 * 1024);
        // As a browser sends a form: with its Content-Length (checked before the body is read).
        java.net.http.HttpResponse<String> sent = withContentLength("bigconsent", "call-settings", twoMegabytes);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        assertThat(sent.body()).contains("\"durationSeconds\":120.0");

        byte[] justOver = new byte[10 * 1024 * 1024 + 1];
        new java.util.Random(11).nextBytes(justOver);
        // (Checked with AssertJ: a failed RestAssured expectation would print the whole 10 MB request.)
        Response read = upload("bigconsent", "call-settings", justOver, "big.mp3", "audio/mpeg");
        assertThat(read.statusCode()).isEqualTo(413);
        assertThat(read.jsonPath().getString("detail")).startsWith("consent audio refused: ").contains("at most 10 MB");
        assertThat(read.jsonPath().getList("errors.field")).containsExactly("file");
        Response declared = upload("bigconsent", "call-settings", new byte[12 * 1024 * 1024], "huge.wav", "audio/wav");
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.contentType()).isEqualTo("application/problem+json");
        assertThat(declared.jsonPath().getString("detail")).startsWith("consent audio refused: ")
                .contains("at most 10 MB");
        assertThat(declared.jsonPath().getList("errors.field")).containsExactly("file");
        TestTokens.as("bigconsent").get("/api/accounts/bigconsent/call-settings").then().statusCode(200)
                .body("consentAudio.durationSeconds", equalTo(120.0f));
    }
}

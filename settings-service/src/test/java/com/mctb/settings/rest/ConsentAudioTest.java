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

/** The recording consent announcement as uploaded audio: checked, stored and served like a greeting. */
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

    @Test
    void aFileThatIsNotAudioIsRefusedNamingTheFileAndNothingIsSaved() {
        Fixtures.account("noconsent", "No Consent");
        Fixtures.number("noconsent", "+15551290002");
        String level = "numbers/+15551290002/call-settings";
        byte[] text = "This call may be recorded.\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        upload("noconsent", level, text, "consent.mp3", "audio/mpeg").then().statusCode(415)
                .body("errors[0].field", equalTo("file"))
                .body("errors[0].message", containsString("neither an MP3"));
        upload("noconsent", level, TestAudio.truncate(TestAudio.wav(2, 8000, 1, 16), 2000), "cut.wav", "audio/wav")
                .then().statusCode(422).body("errors[0].field", equalTo("file"));
        TestTokens.as("noconsent").multiPart("other", "x.wav", TestAudio.wav(1, 8000, 1, 16), "audio/wav")
                .put("/api/accounts/noconsent/" + level + "/consent-audio")
                .then().statusCode(422).body("errors[0].field", equalTo("file"));

        TestTokens.as("noconsent").get("/api/accounts/noconsent/" + level + "/consent-audio").then().statusCode(404);
        TestTokens.as("noconsent").get("/api/accounts/noconsent/" + level).then().statusCode(200)
                .body("consentAudio", nullValue());
        TestTokens.as("noconsent").queryParam("number", "+15551290002")
                .get("/api/accounts/noconsent/call-settings/effective").then().statusCode(200)
                .body("consentAudio.value", nullValue()).body("consentAudio.source", equalTo("SYSTEM"));
        // Another account cannot read or replace it.
        Fixtures.account("intruder", "Intruder");
        TestTokens.as("intruder").multiPart("file", "x.wav", TestAudio.wav(1, 8000, 1, 16), "audio/wav")
                .put("/api/accounts/noconsent/" + level + "/consent-audio").then().statusCode(403);
    }
}

package com.mctb.settings.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
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
import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(WorkflowServiceStandIn.class)
@WithTestResource(TwilioStandIn.class)
class GreetingResourceTest {

    private static final String PUBLIC_URL = "^http://localhost:8081/public/greetings/[A-Za-z0-9_-]{22}\\.(mp3|wav)$";

    @Test
    void anMp3IsStoredWithTheDurationReadFromItAndTwilioFetchesItWithoutAToken() {
        Fixtures.account("greet", "Greet Dental");
        Fixtures.number("greet", "+15553330001");
        byte[] mp3 = TestAudio.mp3(200, 128, 44100, false);

        String publicUrl = Fixtures.uploadGreeting("greet", "call-settings", mp3, "welcome.mp3", "audio/mpeg")
                .then().statusCode(201)
                .body("level", equalTo("ACCOUNT"))
                .body("format", equalTo("MP3"))
                .body("contentType", equalTo("audio/mpeg"))
                .body("sizeBytes", equalTo(mp3.length))
                .body("durationSeconds", equalTo(5.224f))
                .body("previewUrl", equalTo("/api/accounts/greet/call-settings/greeting"))
                .body("publicUrl", matchesPattern(PUBLIC_URL))
                .extract().path("publicUrl");

        CallSettingsChanged snapshot = Fixtures.latest(Topics.SETTINGS_CALL, "greet/+15553330001",
                CallSettingsChanged.class, s -> s.greetingUrl() != null);
        assertThat(snapshot.greetingUrl()).isEqualTo(publicUrl);
        Response fetched = given().get(path(publicUrl));
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.contentType()).isEqualTo("audio/mpeg");
        assertThat(fetched.asByteArray()).isEqualTo(mp3);
        TestTokens.as("greet").get("/api/accounts/greet/call-settings").then().statusCode(200)
                .body("greeting.durationSeconds", equalTo(5.224f));
        TestTokens.as("greet").queryParam("number", "+15553330001").get("/api/accounts/greet/call-settings/effective")
                .then().statusCode(200)
                .body("greeting.source", equalTo("ACCOUNT"))
                .body("greeting.value.publicUrl", equalTo(publicUrl));
    }

    @Test
    void theMostSpecificGreetingWinsAndRemovingItFallsBackToTheNextThenToTheSpokenDefault() {
        Fixtures.account("fallback", "Fallback Clinic");
        Fixtures.user("fallback", "dana", "Dana");
        Fixtures.number("fallback", "+15553340001", "dana");
        String accounts = Fixtures.uploadGreeting("fallback", "call-settings", TestAudio.mp3(60, 64, 48000, true),
                "a.mp3", "audio/mpeg").then().statusCode(201).extract().path("publicUrl");
        String danas = Fixtures.uploadGreeting("fallback", "users/dana/call-settings", TestAudio.wav(1.5, 8000, 1, 16),
                "dana.wav", "audio/wav").then().statusCode(201).body("format", equalTo("WAV")).extract().path("publicUrl");
        String numbers = Fixtures.uploadGreeting("fallback", "numbers/+15553340001/call-settings",
                TestAudio.wav(2, 16000, 1, 16), "line.wav", "audio/x-wav").then().statusCode(201)
                .body("durationSeconds", equalTo(2.0f))
                .body("publicUrl", matchesPattern(PUBLIC_URL)).extract().path("publicUrl");
        assertThat(numbers).endsWith(".wav");
        assertThat(greetingUrl("fallback/+15553340001", numbers)).isEqualTo(numbers);

        TestTokens.as("fallback").delete("/api/accounts/fallback/numbers/+15553340001/call-settings/greeting")
                .then().statusCode(204);
        assertThat(greetingUrl("fallback/+15553340001", danas)).isEqualTo(danas);
        given().get(path(numbers)).then().statusCode(404);

        TestTokens.as("fallback").delete("/api/accounts/fallback/users/dana/call-settings/greeting").then().statusCode(204);
        assertThat(greetingUrl("fallback/+15553340001", accounts)).isEqualTo(accounts);

        TestTokens.as("fallback").delete("/api/accounts/fallback/call-settings/greeting").then().statusCode(204);
        CallSettingsChanged spoken = Fixtures.latest(Topics.SETTINGS_CALL, "fallback/+15553340001",
                CallSettingsChanged.class, s -> s.greetingUrl() == null);
        assertThat(spoken.greetingUrl()).isNull();
        TestTokens.as("fallback").queryParam("number", "+15553340001").get("/api/accounts/fallback/call-settings/effective")
                .then().statusCode(200).body("greeting.value", nullValue()).body("greeting.source", equalTo("SYSTEM"));
        TestTokens.as("fallback").get("/api/accounts/fallback/call-settings/greeting").then().statusCode(404)
                .body("detail", containsString("spoken default"));
        TestTokens.as("fallback").delete("/api/accounts/fallback/call-settings/greeting").then().statusCode(404);
    }

    @Test
    void replacingAGreetingSwapsItWholeAndRetiresTheOldUrl() {
        Fixtures.account("replace", "Replace Co");
        Fixtures.number("replace", "+15553350001");
        byte[] first = TestAudio.mp3(50, 128, 44100, false);
        byte[] second = TestAudio.wav(1, 8000, 1, 16);
        String firstUrl = Fixtures.uploadGreeting("replace", "call-settings", first, "v1.mp3", "audio/mpeg")
                .then().statusCode(201).extract().path("publicUrl");

        String secondUrl = Fixtures.uploadGreeting("replace", "call-settings", second, "v2.wav", "audio/wav")
                .then().statusCode(200).body("format", equalTo("WAV")).extract().path("publicUrl");

        assertThat(secondUrl).isNotEqualTo(firstUrl);
        given().get(path(firstUrl)).then().statusCode(404);
        assertThat(given().get(path(secondUrl)).asByteArray()).isEqualTo(second);
        assertThat(TestTokens.as("replace").get("/api/accounts/replace/call-settings/greeting").asByteArray())
                .isEqualTo(second);
        assertThat(greetingUrl("replace/+15553350001", secondUrl)).isEqualTo(secondUrl);
    }

    @Test
    void thePreviewServesRangesAsAnAudioElementAsksForThem() {
        Fixtures.account("ranges", "Ranges");
        byte[] wav = TestAudio.wav(1, 8000, 1, 16);
        int n = wav.length;
        Fixtures.uploadGreeting("ranges", "call-settings", wav, "r.wav", "audio/wav").then().statusCode(201);
        String preview = "/api/accounts/ranges/call-settings/greeting";

        Response whole = TestTokens.as("ranges").get(preview);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.contentType()).isEqualTo("audio/wav");
        assertThat(whole.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(whole.header("Content-Length")).isEqualTo(String.valueOf(n));
        assertThat(whole.asByteArray()).isEqualTo(wav);
        String etag = whole.header("ETag");
        assertThat(etag).isNotBlank();

        Response open = TestTokens.as("ranges").header("Range", "bytes=0-").get(preview);
        assertThat(open.statusCode()).isEqualTo(206);
        assertThat(open.header("Content-Range")).isEqualTo("bytes 0-" + (n - 1) + "/" + n);
        assertThat(open.asByteArray()).isEqualTo(wav);

        Response middle = TestTokens.as("ranges").header("Range", "bytes=100-199").get(preview);
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.header("Content-Range")).isEqualTo("bytes 100-199/" + n);
        assertThat(middle.header("Content-Length")).isEqualTo("100");
        assertThat(middle.contentType()).isEqualTo("audio/wav");
        assertThat(middle.asByteArray()).isEqualTo(Arrays.copyOfRange(wav, 100, 200));

        Response tail = TestTokens.as("ranges").header("Range", "bytes=-50").get(preview);
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.asByteArray()).isEqualTo(Arrays.copyOfRange(wav, n - 50, n));

        TestTokens.as("ranges").header("Range", "bytes=" + n + "-").get(preview)
                .then().statusCode(416).header("Content-Range", "bytes */" + n);

        // A stale If-Range gets the whole current file; a matching If-None-Match is not sent again.
        TestTokens.as("ranges").header("Range", "bytes=0-9").header("If-Range", "\"stale\"").get(preview)
                .then().statusCode(200).header("Content-Length", String.valueOf(n));
        TestTokens.as("ranges").header("Range", "bytes=0-9").header("If-Range", etag).get(preview)
                .then().statusCode(206).header("Content-Length", "10");
        TestTokens.as("ranges").header("If-None-Match", etag).get(preview).then().statusCode(304);

        String publicUrl = TestTokens.as("ranges").get("/api/accounts/ranges/call-settings")
                .then().extract().path("greeting.publicUrl");
        Response publicPart = given().header("Range", "bytes=0-43").get(path(publicUrl));
        assertThat(publicPart.statusCode()).isEqualTo(206);
        assertThat(publicPart.asByteArray()).isEqualTo(Arrays.copyOfRange(wav, 0, 44));
        assertThat(publicPart.header("Cache-Control")).contains("public");
    }

    @Test
    void aFileIsJudgedByItsContentNotItsNameOrDeclaredType() {
        Fixtures.account("content", "Content");
        byte[] wav = TestAudio.wav(1, 8000, 1, 16);

        Fixtures.uploadGreeting("content", "call-settings", wav, "actually.mp3", "audio/mpeg")
                .then().statusCode(201).body("format", equalTo("WAV")).body("contentType", equalTo("audio/wav"))
                .body("publicUrl", matchesPattern(".*\\.wav$"));

        byte[] text = "Thanks for calling! We are open 9 to 5.\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        Fixtures.uploadGreeting("content", "call-settings", text, "greeting.mp3", "audio/mpeg")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("file"))
                .body("detail", containsString("neither an MP3"));
        // The refused upload left the stored greeting alone.
        TestTokens.as("content").get("/api/accounts/content/call-settings").then().body("greeting.format", equalTo("WAV"));
    }

    @Test
    void aTruncatedATooLongAndAnEmptyUploadAreRefusedSayingWhy() {
        Fixtures.account("refusals", "Refusals");
        byte[] wav = TestAudio.wav(2, 8000, 1, 16);

        Fixtures.uploadGreeting("refusals", "call-settings", TestAudio.truncate(wav, wav.length - 2000), "cut.wav",
                        "audio/wav")
                .then().statusCode(422).body("detail", containsString("truncated")).body("errors.field", hasItem("file"));
        Fixtures.uploadGreeting("refusals", "call-settings", TestAudio.wav(181, 8000, 1, 8), "long.wav", "audio/wav")
                .then().statusCode(422).body("detail", containsString("at most 180 seconds"));
        TestTokens.as("refusals").multiPart("other", "x").put("/api/accounts/refusals/call-settings/greeting")
                .then().statusCode(422).body("detail", containsString("part named 'file'"));
        TestTokens.as("refusals").get("/api/accounts/refusals/call-settings/greeting").then().statusCode(404);
    }

    @Test
    void moreThanTenMegabytesIsRefusedWith413WhateverItsSize() {
        Fixtures.account("oversize", "Oversize");
        byte[] justOver = new byte[10 * 1024 * 1024 + 1];
        new Random(7).nextBytes(justOver);

        // (Checked with AssertJ: a failed RestAssured expectation would print the whole 10 MB request.)
        Response read = Fixtures.uploadGreeting("oversize", "call-settings", justOver, "big.mp3", "audio/mpeg");
        assertThat(read.statusCode()).isEqualTo(413);
        assertThat(read.contentType()).isEqualTo("application/problem+json");
        assertThat(read.jsonPath().getString("detail")).contains("at most 10 MB");
        // Far over: refused from its Content-Length, before the body is read.
        Response declared = Fixtures.uploadGreeting("oversize", "call-settings", new byte[12 * 1024 * 1024], "huge.wav",
                "audio/wav");
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.contentType()).isEqualTo("application/problem+json");
        assertThat(declared.jsonPath().getString("detail")).contains("at most 10 MB");
        assertThat(declared.jsonPath().getList("errors.field")).contains("file");
        // The connection pool is still fine for the next request, and nothing was stored.
        TestTokens.as("oversize").get("/api/accounts/oversize/call-settings/greeting").then().statusCode(404);
    }

    @Test
    void uploadsAreCountedAcceptedOrRefusedByReason() {
        Fixtures.account("counted", "Counted");
        double notAudioBefore = counter("refused", "not-audio");
        double acceptedBefore = counter("accepted", "none");

        Fixtures.uploadGreeting("counted", "call-settings", "hello".repeat(100).getBytes(StandardCharsets.UTF_8),
                "x.wav", "audio/wav").then().statusCode(415);
        Fixtures.uploadGreeting("counted", "call-settings", TestAudio.mp3(20, 128, 44100, false), "x.mp3", "audio/mpeg")
                .then().statusCode(201);

        assertThat(counter("refused", "not-audio")).isEqualTo(notAudioBefore + 1);
        assertThat(counter("accepted", "none")).isEqualTo(acceptedBefore + 1);
    }

    @Test
    void aPublicNameThatIsNotAGreetingIsA404() {
        given().get("/public/greetings/AAAAAAAAAAAAAAAAAAAAAA.mp3").then().statusCode(404);
        given().get("/public/greetings/not-a-token.exe").then().statusCode(404);
    }

    private static String greetingUrl(String key, String expected) {
        return Fixtures.latest(Topics.SETTINGS_CALL, key, CallSettingsChanged.class,
                s -> Objects.equals(s.greetingUrl(), expected)).greetingUrl();
    }

    private static String path(String url) {
        return URI.create(url).getPath();
    }

    private static double counter(String outcome, String reason) {
        String metrics = given().get("/q/metrics").asString();
        return metrics.lines()
                .filter(l -> l.startsWith("mctb_settings_greeting_uploads_total{"))
                .filter(l -> l.contains("outcome=\"" + outcome + "\"") && l.contains("reason=\"" + reason + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }
}

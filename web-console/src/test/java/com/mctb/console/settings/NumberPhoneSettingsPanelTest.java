package com.mctb.console.settings;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.mctb.console.testing.Browser;
import com.mctb.console.testing.Chromium;
import com.mctb.console.testing.ConsoleBackends;
import com.mctb.console.testing.Fixtures;
import com.mctb.testkit.TestTokens;
import com.mctb.twilio.standin.WavTone;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A number's panel on the Call & Voicemail settings page (issue 19): its ring pattern (a team member then a phone
 * number, one after another, with ring times), the preview of how long a caller hears ringing, settings-service's
 * refusal shown at the target it names, and call recording with its consent text and consent audio.
 */
@QuarkusTest
@WithTestResource(ConsoleBackends.class)
class NumberPhoneSettingsPanelTest {

    private static final String ACCOUNT = "page-ring";
    private static final String NUMBER = "+14155550131";
    private static final String FORM = "number-14155550131-form";

    private static ChromeDriver browser;
    private static WebDriverWait wait;

    @TestHTTPResource("/settings/business-profile")
    URL page;

    @ConsoleBackends.InjectWorkflowService
    WireMockServer workflowService;

    @BeforeAll
    static void chromium() {
        browser = Browser.session();
        wait = Browser.waiting();
    }

    @Test
    void aSequentialPatternWithATeamMemberAndANumberIsPreviewedRefusedAtItsFieldThenSavedWithRecording()
            throws Exception {
        Fixtures.account(ACCOUNT, "Ring Salon");
        TestTokens.as(ACCOUNT).contentType(ContentType.JSON).body(Map.of("name", "Ava Stone", "mobile", "+15550004444"))
                .put("/api/accounts/" + ACCOUNT + "/users/ava").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        Fixtures.number(ACCOUNT, NUMBER);
        Fixtures.callSettings(ACCOUNT, "call-settings", Map.of("timeoutSeconds", 20));
        workflowService.stubFor(get(urlEqualTo("/api/accounts/" + ACCOUNT + "/workflows")).willReturn(okJson("[]")));
        signIn();

        WebElement item = wait.until(visibilityOfElementLocated(By.id("number-14155550131")));
        wait.until(d -> numberEffective("Ring pattern").contains("from system default"));
        item.findElement(By.cssSelector("button[aria-controls='" + FORM + "']")).click();
        wait.until(visibilityOfElementLocated(By.id(FORM + "-ring-mode")));
        wait.until(d -> byId(FORM + "-ring-preview").getText().contains("20 seconds"));

        new Select(byId(FORM + "-ring-mode")).selectByValue("SEQUENTIAL");
        new Select(wait.until(visibilityOfElementLocated(By.id(FORM + "-target-0-kind")))).selectByValue("user");
        Select member = new Select(byId(FORM + "-target-0-user"));
        assertThat(member.getOptions()).extracting(WebElement::getText).contains("Ava Stone · +15550004444");
        member.selectByValue("ava");
        byId(FORM + "-target-0-seconds").sendKeys("10");
        byId(FORM + "-ring-add").click();
        byId(FORM + "-target-1-number").sendKeys("+15550001111");
        byId(FORM + "-target-1-seconds").sendKeys("4");
        assertThat(byId(FORM + "-ring-preview").getText())
                .isEqualTo("Callers hear ringing for 14 seconds before voicemail (10 s + 4 s).");

        // 4 s is under settings-service's 5 s minimum: its 400 names ringPattern.targets[1].ringSeconds.
        save(item);
        wait.until(visibilityOfElementLocated(By.id(FORM + "-target-1-error")));
        assertThat(byId(FORM + "-target-1-error").getText()).contains("must be between 5 seconds and the call timeout (20 s)");
        assertThat(byId(FORM + "-target-1-seconds").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(byId(FORM + "-target-0-error").isDisplayed()).isFalse();
        TestTokens.as(ACCOUNT).get("/api/accounts/" + ACCOUNT + "/numbers/" + NUMBER + "/call-settings").then()
                .statusCode(200).body("ringPattern", nullValue());

        WebElement second = byId(FORM + "-target-1-seconds");
        second.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE, "8");
        assertThat(byId(FORM + "-ring-preview").getText())
                .isEqualTo("Callers hear ringing for 18 seconds before voicemail (10 s + 8 s).");
        byId(FORM + "-record").click();
        byId(FORM + "-consent-text").sendKeys("This call is recorded for training.");
        save(item);

        wait.until(textToBePresentInElementLocated(By.cssSelector("#" + FORM + " .actions .result"), "Saved"));
        TestTokens.as(ACCOUNT).get("/api/accounts/" + ACCOUNT + "/numbers/" + NUMBER + "/call-settings").then()
                .statusCode(200)
                .body("ringPattern.mode", equalTo("SEQUENTIAL"))
                .body("ringPattern.targets.userId", contains("ava", null))
                .body("ringPattern.targets.number", contains(null, "+15550001111"))
                .body("ringPattern.targets.ringSeconds", contains(10, 8))
                .body("recordCalls", equalTo(true))
                .body("consentText", equalTo("This call is recorded for training."));
        wait.until(d -> numberEffective("Ring pattern").equals("one after another: Ava Stone 10 s, then +15550001111 8 s"
                + " · ringing 18 s before voicemail from this number"));
        assertThat(numberEffective("Call recording"))
                .isEqualTo("on · consent: \"This call is recorded for training.\" from this number");

        // Consent audio: uploaded, shown with its length and a player, then removed.
        Path wav = Files.createTempDirectory("consent").resolve("consent.wav");
        Files.write(wav, WavTone.of(2.5, 8000));
        byId("consent-number-14155550131-file").sendKeys(wav.toString());
        wait.until(textToBePresentInElementLocated(By.id("consent-number-14155550131-duration"), "2.5 s"));
        assertThat(byId("consent-number-14155550131-result").getText()).isEqualTo("Consent audio uploaded: WAV, 2.5 s.");
        WebElement audio = byId("consent-number-14155550131-audio");
        wait.until(d -> ((Number) browser.executeScript("return arguments[0].readyState", audio)).intValue() >= 2);
        assertThat(((Number) browser.executeScript("return arguments[0].duration", audio)).doubleValue())
                .isCloseTo(2.5, org.assertj.core.data.Offset.offset(0.01));
        wait.until(d -> numberEffective("Call recording").equals("on · consent: audio, 2.5 s from this number"));
        TestTokens.as(ACCOUNT).get("/api/accounts/" + ACCOUNT + "/numbers/" + NUMBER + "/call-settings").then()
                .statusCode(200).body("consentAudio.format", equalTo("WAV")).body("greeting", nullValue());
        Chromium.elementScreenshot(browser, item, 1280, Path.of("target", "screenshots", "number-phone-settings.png"));
        assertThat(Path.of("target", "screenshots", "number-phone-settings.png")).isNotEmptyFile();
        byId("consent-number-14155550131-remove").click();
        wait.until(textToBePresentInElementLocated(By.id("consent-number-14155550131-result"), "Consent audio removed"));
        assertThat(byId("consent-number-14155550131-current").getText()).contains("consent text is spoken");
    }

    /**
     * settings-service's 400s for this panel's neighbours, shown where they belong: a text file as consent audio
     * (the reason next to the file field, nothing stored), and the account's timeout lowered under the number's
     * sequential pattern (next to the account's timeout, naming the number and its ring times; nothing saved).
     */
    @Test
    void aConsentFileThatIsNotAudioAndATimeoutShorterThanTheNumbersPatternAreRefusedAtTheirFields() throws Exception {
        String account = "page-short";
        Fixtures.account(account, "Short Ring Salon");
        Fixtures.number(account, "+14155550132");
        Fixtures.callSettings(account, "call-settings", Map.of("timeoutSeconds", 20));
        Fixtures.callSettings(account, "numbers/+14155550132/call-settings", Map.of("ringPattern", Map.of("mode",
                "SEQUENTIAL", "targets", java.util.List.of(Map.of("number", "+15550001111", "ringSeconds", 10),
                        Map.of("number", "+15550002222", "ringSeconds", 8)))));
        workflowService.stubFor(get(urlEqualTo("/api/accounts/" + account + "/workflows")).willReturn(okJson("[]")));
        signIn(account);

        WebElement item = wait.until(visibilityOfElementLocated(By.id("number-14155550132")));
        item.findElement(By.cssSelector("button[aria-controls='number-14155550132-form']")).click();
        wait.until(visibilityOfElementLocated(By.id("number-14155550132-form-ring-mode")));
        WebElement file = byId("consent-number-14155550132-file");
        Path notes = Files.createTempDirectory("consent").resolve("consent.mp3");
        Files.writeString(notes, "This call may be recorded.\n".repeat(40), java.nio.charset.StandardCharsets.UTF_8);
        file.sendKeys(notes.toString());
        WebElement error = wait.until(visibilityOfElementLocated(By.id("consent-number-14155550132-error")));
        assertThat(error.getText()).startsWith("consent.mp3 was not accepted: the file is neither an MP3")
                .contains("recognised by their content, not their name");
        assertThat(byId("consent-number-14155550132-file").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(byId("consent-number-14155550132-current").getText()).contains("consent text is spoken");
        TestTokens.as(account).get("/api/accounts/" + account + "/numbers/+14155550132/call-settings").then()
                .statusCode(200).body("consentAudio", nullValue());

        WebElement timeout = byId("timeout");
        timeout.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE, "15");
        byId("call-settings-save").click();
        WebElement timeoutError = wait.until(visibilityOfElementLocated(By.id("timeout-error")));
        assertThat(timeoutError.getText()).contains("+14155550132 rings 10 s + 8 s = 18 s (its pattern from the number)"
                + " but times out after 15 s (from the account)").contains("at least 18 s");
        assertThat(timeout.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(byId("call-settings-result").getText()).startsWith("Call settings not saved");
        TestTokens.as(account).get("/api/accounts/" + account + "/call-settings").then().statusCode(200)
                .body("timeoutSeconds", equalTo(20));
    }

    private void signIn() {
        signIn(ACCOUNT);
    }

    private void signIn(String account) {
        browser.get(page + "?account=" + account);
        browser.executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        WebElement token = wait.until(visibilityOfElementLocated(By.id("access-token")));
        browser.executeScript("arguments[0].value = arguments[1]", token, TestTokens.forAccount(account));
        token.sendKeys(Keys.END);
        byId("credential-submit").click();
        wait.until(attributeToBe(By.id("main"), "aria-busy", "false"));
    }

    private static void save(WebElement item) {
        item.findElement(By.cssSelector("#" + FORM + " button[type='submit']")).click();
    }

    private static WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    private static String numberEffective(String setting) {
        return browser.findElement(By.xpath("//dl[@id='number-14155550131-effective']/dt[.='" + setting
                + "']/following-sibling::dd[1]")).getText();
    }
}

package com.mctb.console.settings;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.mctb.contracts.sms.SmsSegments;
import com.mctb.console.testing.Browser;
import com.mctb.console.testing.Chromium;
import com.mctb.console.testing.ConsoleBackends;
import com.mctb.console.testing.Fixtures;
import com.mctb.twilio.standin.WavTone;
import com.mctb.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * The Business Profile page in headless Chromium, used as a business owner uses it: sign in with the account's token,
 * change the call timeout and save, upload a WAV and play it, remove it, and see the server's refusals next to the
 * field. workflow-service is the WireMock stand-in every test class here shares (so this class shares their boot);
 * what it answers for the workflow panel is what workflow-service documents, and its preview answers carry the
 * encoding and segments of contracts' SmsSegments, as workflow-service's do. One Chromium session serves every test.
 */
@QuarkusTest
@WithTestResource(ConsoleBackends.class)
class BusinessProfilePageTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String FIRST_NAME = "{{contact.first_name | default: \"there\"}}";
    private static final String IN_HOURS = "Hi " + FIRST_NAME + ", sorry we missed your call at {{business.name}}. "
            + "How can we help?";
    private static final String AFTER_HOURS = "Hi " + FIRST_NAME + ", thanks for calling {{business.name}}. We're "
            + "closed right now; reply here and we'll get back to you as soon as we open.";
    private static final ObjectMapper JSON = new ObjectMapper();

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
    void theTimeoutIsChangedAndSavedAndAboveTwentySecondsTheAdviceShows() {
        Fixtures.account("page-timeout", "Timeout Dental");
        noWorkflows("page-timeout");
        signIn("page-timeout");

        WebElement timeout = byId("timeout");
        assertThat(timeout.getAttribute("value")).as("nothing set yet").isEmpty();
        assertThat(byId("timeout-hint").getText()).contains("10–20 seconds is recommended");
        retype(timeout, "15");
        byId("call-settings-save").click();
        wait.until(textToBePresentInElementLocated(By.id("call-settings-result"), "Call settings saved"));
        assertThat(byId("call-settings-result").getText()).contains("ring for 15 seconds");
        assertThat(byId("timeout-warning").isDisplayed()).isFalse();
        assertThat(accountTimeout("page-timeout")).isEqualTo(15);
        wait.until(d -> effective("Incoming call timeout").contains("15 seconds from your account"));

        retype(timeout, "25");
        assertThat(byId("timeout-warning").isDisplayed()).as("the advice shows as the number is typed").isTrue();
        assertThat(byId("timeout-warning").getText()).contains("above 20 seconds");
        byId("call-settings-save").click();
        wait.until(textToBePresentInElementLocated(By.id("call-settings-result"), "with a warning"));
        assertThat(byId("timeout-warning").getText()).contains("voicemail answer first");
        assertThat(accountTimeout("page-timeout")).isEqualTo(25);
    }

    @Test
    void savingTheAccountsCallSettingsKeepsWhatTheFormDoesNotShow() {
        Fixtures.account("page-keeps", "Keeps Dental");
        Fixtures.callSettings("page-keeps", "call-settings", Map.of("timeoutSeconds", 25,
                "ringPattern", Map.of("mode", "SEQUENTIAL", "targets", List.of(
                        Map.of("number", "+15550003331", "ringSeconds", 8),
                        Map.of("number", "+15550003332", "ringSeconds", 8))),
                "consentText", "This call is recorded for training.", "recordingRetentionDays", 30));
        noWorkflows("page-keeps");
        signIn("page-keeps");

        WebElement timeout = byId("timeout");
        assertThat(timeout.getAttribute("value")).isEqualTo("25");
        retype(timeout, "18");
        byId("call-settings-save").click();
        wait.until(textToBePresentInElementLocated(By.id("call-settings-result"), "ring for 18 seconds"));

        TestTokens.as("page-keeps").get("/api/accounts/page-keeps/call-settings").then().statusCode(200)
                .body("timeoutSeconds", org.hamcrest.Matchers.is(18))
                .body("ringPattern.mode", org.hamcrest.Matchers.is("SEQUENTIAL"))
                .body("ringPattern.targets.number", org.hamcrest.Matchers.contains("+15550003331", "+15550003332"))
                .body("consentText", org.hamcrest.Matchers.is("This call is recorded for training."))
                .body("recordingRetentionDays", org.hamcrest.Matchers.is(30));
    }

    @Test
    void aNinetySecondTimeoutIsRefusedWithTheServersMessageNextToTheField() {
        Fixtures.account("page-ninety", "Ninety Spa");
        Fixtures.callSettings("page-ninety", "call-settings", Map.of("timeoutSeconds", 18));
        noWorkflows("page-ninety");
        signIn("page-ninety");

        WebElement timeout = byId("timeout");
        assertThat(timeout.getAttribute("value")).isEqualTo("18");
        retype(timeout, "90");
        byId("call-settings-save").click();

        WebElement error = wait.until(visibilityOfElementLocated(By.id("timeout-error")));
        assertThat(error.getText()).contains("must be between 5 and 60 seconds (10-20 recommended)");
        assertThat(timeout.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.switchTo().activeElement()).as("focus is on the field in error").isEqualTo(timeout);
        assertThat(byId("call-settings-result").getText()).startsWith("Call settings not saved");
        assertThat(accountTimeout("page-ninety")).isEqualTo(18);
    }

    @Test
    void aWavIsUploadedWithItsDurationPlayedAndRemoved() throws Exception {
        Fixtures.account("page-wav", "Wav Clinic");
        noWorkflows("page-wav");
        signIn("page-wav");
        assertThat(byId("greeting-account-current").getText()).contains("spoken default");
        Path wav = Files.createTempDirectory("greeting").resolve("welcome.wav");
        Files.write(wav, WavTone.of(2.5, 8000));

        byId("greeting-account-file").sendKeys(wav.toString());

        wait.until(textToBePresentInElementLocated(By.id("greeting-account-duration"), "2.5 s"));
        assertThat(byId("greeting-account-progress").getAttribute("value")).isEqualTo("100");
        assertThat(byId("greeting-account-progress-text").getText()).contains("welcome.wav").contains("100%");
        assertThat(byId("greeting-account-result").getText()).isEqualTo("Greeting uploaded: WAV, 2.5 s.");
        WebElement audio = byId("greeting-account-audio");
        wait.until(d -> ((Number) browser.executeScript("return arguments[0].readyState", audio)).intValue() >= 2);
        assertThat(((Number) browser.executeScript("return arguments[0].duration", audio)).doubleValue())
                .isCloseTo(2.5, org.assertj.core.data.Offset.offset(0.01));
        Object played = browser.executeAsyncScript("const audio = arguments[0], done = arguments[1];"
                + "audio.play().then(() => done('playing'), e => done(e.name + ': ' + e.message));", audio);
        assertThat(played).isEqualTo("playing");
        wait.until(d -> ((Number) browser.executeScript("return arguments[0].currentTime", audio)).doubleValue() > 0);
        wait.until(d -> effective("Voicemail greeting").contains("WAV, 2.5 s from your account"));
        TestTokens.as("page-wav").get("/api/accounts/page-wav/call-settings").then().statusCode(200)
                .body("greeting.format", org.hamcrest.Matchers.equalTo("WAV"));

        byId("greeting-account-remove").click();

        wait.until(textToBePresentInElementLocated(By.id("greeting-account-result"), "Greeting removed"));
        assertThat(byId("greeting-account-current").getText()).contains("spoken default");
        assertThat(browser.findElements(By.id("greeting-account-audio"))).isEmpty();
        TestTokens.as("page-wav").get("/api/accounts/page-wav/call-settings").then().statusCode(200)
                .body("greeting", org.hamcrest.Matchers.nullValue());
        wait.until(d -> effective("Voicemail greeting").contains("spoken default"));
    }

    @Test
    void aTextFileNamedMp3IsRefusedWithTheReasonNextToTheFileField() throws Exception {
        Fixtures.account("page-notmp3", "Not Audio Inc");
        noWorkflows("page-notmp3");
        signIn("page-notmp3");
        Path notes = Files.createTempDirectory("greeting").resolve("notes.mp3");
        Files.writeString(notes, "Call Dana back about the Tuesday appointment.\n".repeat(20), StandardCharsets.UTF_8);

        byId("greeting-account-file").sendKeys(notes.toString());

        WebElement error = wait.until(visibilityOfElementLocated(By.id("greeting-account-error")));
        assertThat(error.getText()).contains("notes.mp3 was not accepted")
                .contains("neither an MP3").contains("recognised by their content, not their name");
        assertThat(byId("greeting-account-file").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(byId("greeting-account-current").getText()).contains("spoken default");
        TestTokens.as("page-notmp3").get("/api/accounts/page-notmp3/call-settings").then().statusCode(200)
                .body("greeting", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void theLegacyToggleIsOffWithTheWarningAndTurningItOnShowsTheServersRefusal() {
        Fixtures.account("page-legacy", "Legacy Legal");
        noWorkflows("page-legacy");
        workflowService.stubFor(get(urlEqualTo("/api/accounts/page-legacy/workflows/missed-call/active"))
                .willReturn(okJson("{\"active\": true, \"workflows\": [{\"id\": \"wf-1\", \"name\": \"Missed Call "
                        + "Text Back\", \"version\": 2}]}")));
        signIn("page-legacy");

        WebElement toggle = byId("legacy-enabled");
        assertThat(toggle.isSelected()).as("off by default").isFalse();
        assertThat(byId("legacy-warning").getText()).contains("no wait, no filters and no business hours");
        byId("legacy-message").sendKeys("Sorry we missed you! We'll call back soon.");
        toggle.click();

        wait.until(textToBePresentInElementLocated(By.id("legacy-result"), "Not turned on"));
        assertThat(byId("legacy-result").getText())
                .contains("'Missed Call Text Back' (id wf-1, version 2)").contains("both texts");
        assertThat(byId("legacy-result").getAttribute("role")).isEqualTo("alert");
        assertThat(toggle.isSelected()).as("back off").isFalse();
        TestTokens.as("page-legacy").get("/api/accounts/page-legacy/legacy-text-back").then().statusCode(200)
                .body("enabled", org.hamcrest.Matchers.equalTo(false));
    }

    @Test
    void theWorkflowPanelEnablesTheTemplateAndEditsItsTextWithMergeFieldsAndALivePreview() throws Exception {
        String account = "page-workflow";
        String id = "5b3c2f0e-8d1a-4c36-9a51-0f6f2e0c7a10";
        Fixtures.account(account, "Workflow Wellness");
        Fixtures.number(account, "+14155550111");
        Fixtures.number(account, "+14155550112");
        String base = "/api/accounts/" + account + "/workflows";
        noWorkflows(account);
        workflowService.stubFor(post(urlEqualTo(base + "/templates/missed-call-text-back"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(templateWorkflow(id, 1, true, null))));
        workflowService.stubFor(put(urlEqualTo(base + "/" + id)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withTransformers("response-template")
                .withBody("{\"id\": \"" + id + "\", \"name\": \"Missed Call Text Back\", \"active\": true, \"version\": 2, "
                        + "\"template\": \"missed-call-text-back\", \"definition\": {{{request.body}}} }")));
        previews(account, "Workflow Wellness");
        String edited = "Hi " + FIRST_NAME + ", we’ll call you back within the hour.";
        String rendered = "Hi there, we’ll call you back within the hour.";
        previewAnswer(account, "we’ll call you back", rendered);
        signIn(account);

        WebElement enable = wait.until(visibilityOfElementLocated(By.id("workflow-enable")));
        enable.click();

        wait.until(visibilityOfElementLocated(By.id("workflow-message-0")));
        workflowService.verify(postRequestedFor(urlEqualTo(base + "/templates/missed-call-text-back"))
                .withRequestBody(equalToJson("{\"variant\": \"immediate\", \"channel\": \"SMS\", \"from\": null, "
                        + "\"when\": \"always\", \"repeatWindow\": \"PT24H\"}")));
        assertThat(byId("workflow-state").getText()).isEqualTo("Active");
        assertThat(byId("workflow-message-0").getAttribute("value")).isEqualTo(IN_HOURS);
        assertThat(byId("workflow-message-1").getAttribute("value")).isEqualTo(AFTER_HOURS);
        String inHours = "Hi there, sorry we missed your call at Workflow Wellness. How can we help?";
        wait.until(textToBePresentInElementLocated(By.id("workflow-message-0-text"), inHours));
        wait.until(textToBePresentInElementLocated(By.id("workflow-message-0-meta"), meta(inHours)));

        WebElement message = byId("workflow-message-0");
        message.clear();
        message.sendKeys("Hi ");
        mergeFieldButton(message, "First name").click();
        message.sendKeys(", we’ll call you back within the hour.");
        assertThat(message.getAttribute("value")).isEqualTo(edited);
        wait.until(textToBePresentInElementLocated(By.id("workflow-message-0-text"), rendered));
        assertThat(byId("workflow-message-0-meta").getText()).isEqualTo(meta(rendered)).startsWith("UCS-2 · 1 segment");
        workflowService.verify(postRequestedFor(urlEqualTo(base + "/preview"))
                .withRequestBody(matchingJsonPath("$.body", equalTo(edited))));

        byId("workflow-channel-whatsapp").click();
        new Select(byId("workflow-from")).selectByValue("+14155550112");
        byId("workflow-save").click();

        wait.until(textToBePresentInElementLocated(By.id("workflow-result"), "Saved as version 2"));
        String textInHours = "$.steps[0].then[1].then[0]";
        workflowService.verify(putRequestedFor(urlEqualTo(base + "/" + id))
                .withRequestBody(matchingJsonPath(textInHours + ".body", equalTo(edited)))
                .withRequestBody(matchingJsonPath(textInHours + ".type", equalTo("send_whatsapp")))
                .withRequestBody(matchingJsonPath(textInHours + ".smsFallback", equalTo("true")))
                .withRequestBody(matchingJsonPath(textInHours + ".from", equalTo("+14155550112")))
                .withRequestBody(matchingJsonPath("$.steps[0].then[1].else[0].body", equalTo(AFTER_HOURS))));
        assertThat(byId("workflow-message-0").getAttribute("value")).isEqualTo(edited);
        assertThat(byId("workflow-channel-whatsapp").isSelected()).isTrue();
    }

    /**
     * The text-back panel as an owner sets it: which calls (only outside business hours), how often (at most once per
     * 7 days), how (SMS and WhatsApp both), the warning that another active workflow takes the same calls, and quiet
     * hours switched off with the warning. What the page sends is what workflow-service documents.
     */
    @Test
    void theTextBackPanelSetsWhenHowOftenAndHowAndShowsOverlapsAndQuietHours() {
        String account = "page-controls";
        String id = "7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f";
        Fixtures.account(account, "Control Clinic");
        Fixtures.number(account, "+14155550113");
        String base = "/api/accounts/" + account + "/workflows";
        String overlap = "'Missed Call Text Back' and 'Also text' both text calls to any number: for such a call only "
                + "'Also text' (activated first) texts, and 'Missed Call Text Back' records why it did not.";
        workflowService.stubFor(get(urlEqualTo(base)).willReturn(okJson("[" + templateWorkflow(id, 1, true, null) + "]")));
        String withWarnings = templateWorkflow(id, 1, true, null).strip();
        withWarnings = withWarnings.substring(0, withWarnings.length() - 1)
                + ", \"warnings\": [{\"kind\": \"overlap\", \"message\": " + quote(overlap) + "}]}";
        workflowService.stubFor(get(urlEqualTo(base + "/" + id)).willReturn(okJson(withWarnings)));
        workflowService.stubFor(put(urlEqualTo(base + "/" + id)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withTransformers("response-template")
                .withBody("{\"id\": \"" + id + "\", \"name\": \"Missed Call Text Back\", \"active\": true, \"version\": 2, "
                        + "\"template\": \"missed-call-text-back\", \"definition\": {{{request.body}}} }")));
        String quiet = "/api/accounts/" + account + "/quiet-hours";
        workflowService.stubFor(get(urlEqualTo(quiet)).willReturn(okJson("{\"accountId\": \"" + account + "\", "
                + "\"enabled\": true, \"start\": \"21:00\", \"end\": \"08:00\", \"set\": false, \"warnings\": []}")));
        workflowService.stubFor(put(urlEqualTo(quiet)).willReturn(okJson("{\"accountId\": \"" + account + "\", "
                + "\"enabled\": false, \"start\": \"21:00\", \"end\": \"08:00\", \"set\": true, \"warnings\": "
                + "[\"Quiet hours are off: workflow texts may now go out at night. The TCPA and several states' rules "
                + "limit automated texts to 8:00-21:00 in the recipient's time zone.\"]}")));
        previews(account, "Control Clinic");
        signIn(account);

        WebElement warnings = wait.until(visibilityOfElementLocated(By.id("workflow-warnings")));
        assertThat(warnings.getText()).contains("only 'Also text' (activated first) texts");
        assertThat(warnings.getAttribute("role")).isEqualTo("alert");
        assertThat(byId("workflow-when-always").isSelected()).as("a stored definition without 'when'").isTrue();
        assertThat(new Select(byId("workflow-repeat")).getFirstSelectedOption().getText()).isEqualTo("24 hours");
        assertThat(byId("workflow-channel-sms").isSelected()).isTrue();

        byId("workflow-when-outside").click();
        new Select(byId("workflow-repeat")).selectByVisibleText("7 days");
        byId("workflow-channel-both").click();
        byId("workflow-save").click();

        wait.until(textToBePresentInElementLocated(By.id("workflow-result"), "Saved as version 2"));
        String textInHours = "$.steps[0].then[1].then[0]";
        workflowService.verify(putRequestedFor(urlEqualTo(base + "/" + id))
                .withRequestBody(matchingJsonPath("$.when", equalTo("outside_business_hours")))
                .withRequestBody(matchingJsonPath("$.repeatWindow", equalTo("PT168H")))
                .withRequestBody(matchingJsonPath(textInHours + ".type", equalTo("send_text")))
                .withRequestBody(matchingJsonPath(textInHours + ".channels[0]", equalTo("SMS")))
                .withRequestBody(matchingJsonPath(textInHours + ".channels[1]", equalTo("WHATSAPP"))));
        assertThat(byId("workflow-channel-both").isSelected()).isTrue();
        assertThat(byId("workflow-when-outside").isSelected()).isTrue();
        assertThat(new Select(byId("workflow-repeat")).getFirstSelectedOption().getText()).isEqualTo("7 days");

        wait.until(attributeToBe(By.id("quiet-start"), "value", "21:00"));
        assertThat(byId("quiet-enabled").isSelected()).isTrue();
        assertThat(byId("quiet-end").getAttribute("value")).isEqualTo("08:00");
        assertThat(byId("quiet-warning").isDisplayed()).isFalse();
        byId("quiet-enabled").click();
        byId("quiet-save").click();

        wait.until(visibilityOfElementLocated(By.id("quiet-warning")));
        assertThat(byId("quiet-warning").getText()).startsWith("Quiet hours are off").contains("TCPA");
        assertThat(byId("quiet-result").getText()).isEqualTo("Saved: quiet hours are off.");
        workflowService.verify(putRequestedFor(urlEqualTo(quiet)).withRequestBody(
                equalToJson("{\"enabled\": false, \"start\": \"21:00\", \"end\": \"08:00\"}")));
    }

    @Test
    void theWorkflowPanelSaysSoWhenWorkflowServiceCannotBeReachedAndTheRestOfThePageWorks() {
        Fixtures.account("page-nowf", "Offline Optics");
        workflowService.stubFor(get(urlEqualTo("/api/accounts/page-nowf/workflows"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        signIn("page-nowf");

        WebElement unavailable = wait.until(visibilityOfElementLocated(By.id("workflow-unavailable")));
        assertThat(unavailable.getText()).contains("The workflow cannot be shown right now")
                .contains("workflow-service could not be reached")
                .contains("call & voicemail settings are not affected");
        assertThat(byId("workflow-retry").isDisplayed()).isTrue();

        retype(byId("timeout"), "12");
        byId("call-settings-save").click();
        wait.until(textToBePresentInElementLocated(By.id("call-settings-result"), "ring for 12 seconds"));
        assertThat(accountTimeout("page-nowf")).isEqualTo(12);
    }

    @Test
    void businessHoursWithASplitShiftAndAHolidayAreSavedInTheAccountsTimeZone() {
        Fixtures.account("page-hours", "Hours Hair", "Europe/London");
        noWorkflows("page-hours");
        signIn("page-hours");
        assertThat(byId("time-zone").getAttribute("value")).isEqualTo("Europe/London");
        assertThat(byId("hours-always").isSelected()).as("no hours set").isTrue();

        byId("hours-set").click();
        WebElement friday = browser.findElement(By.cssSelector(".day[data-day='friday']"));
        assertThat(friday.findElement(By.cssSelector(".day-open")).isSelected()).isTrue();
        setValue(friday.findElement(By.cssSelector(".closes")), "12:00");
        friday.findElement(By.cssSelector(".add-interval")).click();
        List<WebElement> closes = friday.findElements(By.cssSelector(".closes"));
        setValue(friday.findElements(By.cssSelector(".opens")).get(1), "13:00");
        setValue(closes.get(1), "17:00");
        byId("open-saturday").click();
        byId("add-exception").click();
        WebElement holiday = browser.findElement(By.cssSelector("#exceptions .exception"));
        setValue(holiday.findElement(By.cssSelector(".ex-date")), "2026-12-25");
        holiday.findElement(By.cssSelector(".ex-label")).sendKeys("Christmas");
        byId("hours-save").click();

        wait.until(textToBePresentInElementLocated(By.id("hours-result"), "Business hours saved"));
        TestTokens.as("page-hours").get("/api/accounts/page-hours/business-hours").then().statusCode(200)
                .body("set", org.hamcrest.Matchers.equalTo(true))
                .body("timeZone", org.hamcrest.Matchers.equalTo("Europe/London"))
                .body("weekly.friday.opens", org.hamcrest.Matchers.contains("09:00", "13:00"))
                .body("weekly.friday.closes", org.hamcrest.Matchers.contains("12:00", "17:00"))
                .body("weekly.saturday.opens", org.hamcrest.Matchers.contains("09:00"))
                .body("weekly.sunday", org.hamcrest.Matchers.empty())
                .body("exceptions[0].date", org.hamcrest.Matchers.equalTo("2026-12-25"))
                .body("exceptions[0].label", org.hamcrest.Matchers.equalTo("Christmas"))
                .body("exceptions[0].intervals", org.hamcrest.Matchers.empty());
        assertThat(byId("hours-status").getText()).matches("(Open|Closed) now · (opens|closes) \\w{3} \\d\\d:\\d\\d");

        // An overlap is refused by the server, named on its day.
        setValue(friday.findElements(By.cssSelector(".opens")).get(1), "11:00");
        byId("hours-save").click();
        WebElement error = wait.until(d -> friday.findElement(By.cssSelector(".day-error")));
        wait.until(d -> error.isDisplayed());
        assertThat(error.getText()).containsIgnoringCase("overlap");
    }

    @Test
    void aNumberOverridesTheTimeoutAndEachSettingSaysWhereItComesFrom() {
        String account = "page-numbers";
        Fixtures.account(account, "Numbers Nails");
        Fixtures.user(account, "dana", "Dana");
        Fixtures.number(account, "+14155550114", "dana");
        Fixtures.callSettings(account, "call-settings", Map.of("timeoutSeconds", 18));
        Fixtures.callSettings(account, "users/dana/call-settings", Map.of("forwardTo", List.of("+15550002222")));
        noWorkflows(account);
        signIn(account);

        WebElement item = wait.until(visibilityOfElementLocated(By.id("number-14155550114")));
        wait.until(d -> numberEffective("14155550114", "Incoming call timeout").contains("18 seconds from your account"));
        assertThat(numberEffective("14155550114", "Phones that ring")).isEqualTo("+15550002222 from user dana");
        assertThat(numberEffective("14155550114", "Voicemail greeting")).isEqualTo("spoken default from system default");
        assertThat(item.getText()).contains("assigned to dana");

        item.findElement(By.cssSelector("button[aria-controls='number-14155550114-form']")).click();
        WebElement timeout = wait.until(visibilityOfElementLocated(By.id("number-14155550114-form-timeout")));
        // By id: the list may be drawn again when its data comes back, replacing the element that has the focus.
        wait.until(d -> "number-14155550114-form-timeout".equals(d.switchTo().activeElement().getAttribute("id")));
        timeout = byId("number-14155550114-form-timeout");
        timeout.sendKeys("12");
        item.findElement(By.cssSelector("button[type='submit']")).click();

        wait.until(d -> numberEffective("14155550114", "Incoming call timeout").contains("12 seconds from this number"));
        TestTokens.as(account).get("/api/accounts/" + account + "/numbers/+14155550114/call-settings").then()
                .statusCode(200).body("timeoutSeconds", org.hamcrest.Matchers.equalTo(12));
        assertThat(effective("Incoming call timeout")).as("the account's own is unchanged")
                .isEqualTo("18 seconds from your account");
    }

    /** The README's two pictures: the page filled in as a business uses it, at desktop and at phone width. */
    @Test
    void screenshotsOfTheFilledInPageAtDesktopAndPhoneWidth() throws Exception {
        String account = "glow-page";
        String name = "Glow Aesthetics";
        Fixtures.account(account, name);
        Fixtures.user(account, "dana", "Dana");
        Fixtures.defaultNumber(account, "+14155550115");
        Fixtures.number(account, "+14155550116", "dana");
        Fixtures.callSettings(account, "call-settings", Map.of("timeoutSeconds", 18,
                "forwardTo", List.of("+15550001111", "+15550002222")));
        Fixtures.callSettings(account, "numbers/+14155550116/call-settings", Map.of("timeoutSeconds", 12));
        Fixtures.uploadGreeting(account, "call-settings", WavTone.of(4.2, 8000), "welcome.wav", "audio/wav")
                .then().statusCode(201);
        TestTokens.as(account).contentType(ContentType.JSON).body(JSON.readTree("""
                {"weekly": {"monday": [{"opens": "09:00", "closes": "17:00"}],
                            "tuesday": [{"opens": "09:00", "closes": "17:00"}],
                            "wednesday": [{"opens": "09:00", "closes": "17:00"}],
                            "thursday": [{"opens": "09:00", "closes": "19:00"}],
                            "friday": [{"opens": "09:00", "closes": "12:00"}, {"opens": "13:00", "closes": "17:00"}],
                            "saturday": [{"opens": "10:00", "closes": "14:00"}]},
                 "exceptions": [{"date": "2026-12-25", "intervals": [], "label": "Christmas Day"}]}
                """).toString()).put("/api/accounts/" + account + "/business-hours").then().statusCode(200);
        workflowService.stubFor(get(urlEqualTo("/api/accounts/" + account + "/workflows"))
                .willReturn(okJson("[" + templateWorkflow("0d9e3a57-4f0e-4b8e-9d43-3c1a3f0b6a21", 3, true,
                        "+14155550115") + "]")));
        previews(account, name);
        signIn(account);
        wait.until(visibilityOfElementLocated(By.id("workflow-message-1")));
        wait.until(d -> !byId("workflow-message-1-meta").getText().isEmpty());
        WebElement audio = byId("greeting-account-audio");
        wait.until(d -> ((Number) browser.executeScript("return arguments[0].readyState", audio)).intValue() >= 2);
        retype(byId("timeout"), "25");
        byId("call-settings-save").click();
        wait.until(textToBePresentInElementLocated(By.id("call-settings-result"), "with a warning"));
        retype(byId("timeout"), "18");
        byId("call-settings-save").click();
        wait.until(textToBePresentInElementLocated(By.id("call-settings-result"), "ring for 18 seconds"));
        wait.until(d -> effective("Incoming call timeout").startsWith("18 seconds"));
        browser.executeScript("window.scrollTo(0, 0); document.activeElement.blur();");

        Chromium.fullPageScreenshot(browser, 1280, false, SCREENSHOTS.resolve("business-profile-desktop.png"));
        Chromium.fullPageScreenshot(browser, 390, true, SCREENSHOTS.resolve("business-profile-phone.png"));

        assertThat(SCREENSHOTS.resolve("business-profile-desktop.png")).isNotEmptyFile();
        assertThat(SCREENSHOTS.resolve("business-profile-phone.png")).isNotEmptyFile();
        Number pageWidth = (Number) browser.executeScript("return document.documentElement.scrollWidth");
        assertThat(pageWidth.intValue()).as("nothing wider than the window at desktop width").isLessThanOrEqualTo(1280);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private void signIn(String account) {
        browser.get(page + "?account=" + account);
        browser.executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        WebElement token = wait.until(visibilityOfElementLocated(By.id("access-token")));
        assertThat(byId("account-id").getAttribute("value")).isEqualTo(account);
        browser.executeScript("arguments[0].value = arguments[1]", token, TestTokens.forAccount(account));
        token.sendKeys(Keys.END);
        byId("credential-submit").click();
        wait.until(attributeToBe(By.id("main"), "aria-busy", "false"));
        assertThat(byId("settings").isDisplayed()).isTrue();
    }

    private static WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    private static void retype(WebElement input, String text) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text);
    }

    /** Time and date inputs take their value in the locale's format when typed; set it as a picker does. */
    private static void setValue(WebElement input, String value) {
        browser.executeScript("arguments[0].value = arguments[1];"
                + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", input, value);
    }

    private static String effective(String setting) {
        return browser.findElement(By.xpath("//dl[@id='account-effective']/dt[.='" + setting
                + "']/following-sibling::dd[1]")).getText();
    }

    private static String numberEffective(String key, String setting) {
        return browser.findElement(By.xpath("//dl[@id='number-" + key + "-effective']/dt[.='" + setting
                + "']/following-sibling::dd[1]")).getText();
    }

    private static WebElement mergeFieldButton(WebElement textarea, String label) {
        return textarea.findElement(By.xpath("./preceding-sibling::div[contains(@class,'chips')]/button[.='" + label + "']"));
    }

    private static int accountTimeout(String account) {
        return TestTokens.as(account).get("/api/accounts/" + account + "/call-settings").then().statusCode(200)
                .extract().path("timeoutSeconds");
    }

    private void noWorkflows(String account) {
        workflowService.stubFor(get(urlEqualTo("/api/accounts/" + account + "/workflows")).willReturn(okJson("[]")));
    }

    /** The previews workflow-service gives of the template's two texts for a caller it does not know. */
    private void previews(String account, String businessName) {
        // While a text is being typed: any other body (the stand-in does not render; the page shows the last answer).
        workflowService.stubFor(post(urlEqualTo("/api/accounts/" + account + "/workflows/preview")).atPriority(10)
                .willReturn(okJson("{\"text\": \"…\", \"encoding\": \"GSM-7\", \"segments\": 1, \"characters\": 1}")));
        previewAnswer(account, "sorry we missed your call",
                "Hi there, sorry we missed your call at " + businessName + ". How can we help?");
        previewAnswer(account, "thanks for calling", "Hi there, thanks for calling " + businessName
                + ". We're closed right now; reply here and we'll get back to you as soon as we open.");
    }

    /** workflow-service's preview of a body containing {@code fragment}: the text, counted by contracts' SmsSegments. */
    private void previewAnswer(String account, String fragment, String rendered) {
        SmsSegments.Count count = SmsSegments.count(rendered);
        Map<String, Object> answer = Map.of("text", rendered, "encoding", count.encoding().label(),
                "segments", count.segments(), "characters", count.characters());
        try {
            workflowService.stubFor(post(urlEqualTo("/api/accounts/" + account + "/workflows/preview")).atPriority(1)
                    .withRequestBody(matchingJsonPath("$.body", containing(fragment)))
                    .willReturn(okJson(JSON.writeValueAsString(answer))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String meta(String rendered) {
        SmsSegments.Count count = SmsSegments.count(rendered);
        return count.encoding().label() + " · " + count.segments() + " segment" + (count.segments() == 1 ? "" : "s")
                + " · " + count.characters() + " characters";
    }

    /** The ready template as workflow-service answers it (its MissedCallTextBack definition). */
    private static String templateWorkflow(String id, int version, boolean active, String from) {
        String fromField = from == null ? "" : "\"from\": \"" + from + "\", ";
        return """
                {"id": "%s", "name": "Missed Call Text Back", "active": %s, "version": %d,
                 "template": "missed-call-text-back", "templateVariant": "immediate",
                 "createdAt": "2026-05-01T10:00:00Z", "updatedAt": "2026-05-01T10:00:00Z",
                 "definition": {"name": "Missed Call Text Back", "trigger": {"type": "missed_call"},
                   "allowReEntry": false, "endOnReply": true,
                   "steps": [{"id": "first-call", "type": "if", "condition": {"type": "lacks_tag", "tag": "1st call"},
                     "then": [{"id": "tag-first-call", "type": "add_tag", "tag": "1st call"},
                              {"id": "in-hours", "type": "if", "condition": {"type": "within_business_hours"},
                               "then": [{"id": "text-in-hours", "type": "send_sms", %s"body": %s}],
                               "else": [{"id": "text-after-hours", "type": "send_sms", %s"body": %s}]}],
                     "else": [{"id": "tag-second-call", "type": "add_tag", "tag": "2nd call"}]}]}}
                """.formatted(id, active, version, fromField, quote(IN_HOURS), fromField, quote(AFTER_HOURS));
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

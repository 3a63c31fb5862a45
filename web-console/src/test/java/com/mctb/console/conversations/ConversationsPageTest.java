package com.mctb.console.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.mctb.console.testing.Browser;
import com.mctb.console.testing.Chromium;
import com.mctb.console.testing.ConsoleBackends;
import com.mctb.console.testing.Fixtures;
import com.mctb.contracts.sms.SmsSegments;
import com.mctb.testkit.TestTokens;
import com.mctb.twilio.standin.SentMessage;
import com.mctb.twilio.standin.TwilioWebhookSigner;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URL;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Conversations inbox in headless Chromium against the real services (their packaged jars), Kafka, PostgreSQL
 * and the Twilio stand-in: a caller's reply appears without reloading and is answered once however often Send is
 * clicked, the answer's status follows Twilio's callbacks to "Delivered", a voicemail left through the gateway plays
 * with its transcription, an unread badge is cleared by opening the conversation. Shares the one Chromium session and
 * the one boot of the console and the services with the settings page's tests.
 */
@QuarkusTest
@WithTestResource(ConsoleBackends.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConversationsPageTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String ACCOUNT = "inbox-glow";
    private static final String NUMBER = "+12125550101";
    private static final String DANA = "+15551230101";
    private static final String SAM = "+15551230102";
    private static final String AVA_MOBILE = "+15559007777";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static ChromeDriver browser;
    private static WebDriverWait wait;
    private static boolean accountReady;
    private static String dana;

    @TestHTTPResource("/conversations")
    URL page;

    @BeforeAll
    static void chromium() {
        browser = Browser.session();
        wait = Browser.waiting();
    }

    @Test
    @Order(1)
    void aReplyAppearsWithoutReloadingItsBadgeIsClearedAndItIsAnsweredOnceWithItsStatusMovingToDelivered() {
        setUpGlowAesthetics();
        signIn();
        browser.executeScript("window.__sameDocument = true;");

        String text = "Hi! Can I book a facial for Saturday?";
        inboundText(DANA, text);
        long sentAt = System.nanoTime();
        long inApiAt = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> lastBodyOf(dana).equals(text) ? System.nanoTime() : 0L, t -> t > 0);
        WebElement item = wait.until(d -> {
            WebElement e = d.findElement(By.id("conversation-" + dana));
            return e.getText().contains(text) ? e : null;
        });
        long onPageAt = System.nanoTime();
        System.out.printf("MEASURED reply: webhook -> API %d ms, API -> page %d ms%n", (inApiAt - sentAt) / 1_000_000,
                (onPageAt - inApiAt) / 1_000_000);
        assertThat((onPageAt - inApiAt) / 1_000_000).as("the page shows a new message within 5 s of the service")
                .isLessThanOrEqualTo(5_000);
        assertThat(browser.executeScript("return window.__sameDocument === true")).as("no reload").isEqualTo(true);
        WebElement badge = item.findElement(By.cssSelector(".unread-badge"));
        assertThat(badge.getText()).isEqualTo("1");
        assertThat(badge.getAttribute("aria-label")).isEqualTo("1 unread");
        assertThat(item.getText()).contains("Dana Lee");

        item.click();

        wait.until(d -> d.findElements(By.cssSelector("#thread .entry[data-kind='TEXT_IN'] .bubble")).stream()
                .anyMatch(b -> b.getText().equals(text)));
        wait.until(d -> d.findElement(By.id("conversation-" + dana)).findElements(By.cssSelector(".unread-badge"))
                .isEmpty());
        assertThat(thread(dana).getInt("unread")).as("read through the API too").isZero();

        String answer = "Yes! We have 11:00 or 14:30 — which suits you?";
        WebElement reply = byId("reply-body");
        reply.sendKeys(answer);
        SmsSegments.Count count = SmsSegments.count(answer);
        wait.until(d -> byId("reply-meta").getText().equals(count.encoding().label() + " · " + count.segments()
                + " segment · " + count.characters() + " characters"));
        assertThat(byId("reply-meta").getText()).startsWith("UCS-2 · 1 segment");
        WebElement send = byId("reply-send");
        browser.executeScript("arguments[0].click(); arguments[0].click();", send);

        WebElement mine = wait.until(d -> d.findElements(By.cssSelector("#thread .entry[data-kind='TEXT_OUT']"))
                .stream().filter(e -> e.getText().contains(answer)).findFirst().orElse(null));
        assertThat(mine.getText()).contains("Team");
        wait.until(d -> mine.findElement(By.cssSelector(".entry-status")).getText().equals("Delivered"));
        List<SentMessage> toDana = Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> textsTo(DANA, answer), l -> !l.isEmpty());
        sleep(1_500);
        assertThat(textsTo(DANA, answer)).as("one text however often Send was clicked").hasSize(1);
        assertThat(toDana.get(0).params()).containsEntry("From", NUMBER);
        assertThat(byId("reply-body").getAttribute("value")).isEmpty();
    }

    @Test
    @Order(2)
    void aVoicemailLeftThroughTheGatewayPlaysInTheThreadWithItsTranscription() {
        setUpGlowAesthetics();
        signIn();
        String callSid = "CA" + hex(16);
        Response twiml = gatewayWebhook("/twilio/voice/incoming", call(callSid, DANA));
        String xml = twiml.asString();
        assertThat(xml).contains("<Record").contains("transcribe=\"true\"");
        String transcription = "Hi, it's Dana again. Please call me back about Saturday.";
        ConsoleBackends.twilio().recordVoicemail(ConsoleBackends.TWILIO_ACCOUNT_SID, ConsoleBackends.TWILIO_AUTH_TOKEN,
                callSid, DANA, NUMBER, 4, transcription, attribute(xml, "recordingStatusCallback"),
                attribute(xml, "transcribeCallback"));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> thread(dana).getList("entries.kind")
                .contains("VOICEMAIL"));
        wait.until(d -> !d.findElement(By.id("conversation-" + dana)).findElements(By.cssSelector(".unread-badge"))
                .isEmpty());
        byId("conversation-" + dana).click();
        WebElement audio = wait.until(d -> d.findElements(By.cssSelector("#thread audio")).stream().findFirst()
                .orElse(null));
        wait.until(d -> ((Number) browser.executeScript("return arguments[0].readyState", audio)).intValue() >= 2);
        assertThat(((Number) browser.executeScript("return arguments[0].duration", audio)).doubleValue())
                .isCloseTo(4.0, org.assertj.core.data.Offset.offset(0.05));
        Object played = browser.executeAsyncScript("const audio = arguments[0], done = arguments[1];"
                + "audio.play().then(() => done('playing'), e => done(e.name + ': ' + e.message));", audio);
        assertThat(played).isEqualTo("playing");
        wait.until(d -> ((Number) browser.executeScript("return arguments[0].currentTime", audio)).doubleValue() > 0);
        WebElement voicemail = audio.findElement(By.xpath("ancestor::li[1]"));
        wait.until(d -> voicemail.findElement(By.cssSelector(".transcription")).getText()
                .equals("“" + transcription + "”"));
        // The missed call and the workflow's text are in the thread too, with who sent it.
        wait.until(d -> d.findElements(By.cssSelector("#thread .entry[data-kind='CALL_MISSED']")).size() == 1);
        WebElement workflowText = wait.until(d -> d.findElements(By.cssSelector("#thread .entry[data-kind='TEXT_OUT']"))
                .stream().filter(e -> e.getText().contains("sorry we missed your call")).findFirst().orElse(null));
        assertThat(workflowText.getText()).contains("Missed Call Text Back · text-in-hours");
    }

    @Test
    @Order(3)
    void theUnreadFilterShowsOnlyWhatIsUnreadAndTheInboxIsPicturedAtDesktopAndPhoneWidth() throws Exception {
        setUpGlowAesthetics();
        signIn();
        wait.until(d -> d.findElements(By.cssSelector("#conversation-list .conversation")).size() >= 2);
        byId("unread-only").click();
        wait.until(d -> d.findElements(By.cssSelector("#conversation-list .conversation")).stream()
                .allMatch(e -> !e.findElements(By.cssSelector(".unread-badge")).isEmpty()));
        assertThat(browser.findElements(By.id("conversation-" + dana))).as("Dana's is read").isEmpty();
        byId("unread-only").click();
        wait.until(d -> !d.findElements(By.id("conversation-" + dana)).isEmpty());

        byId("conversation-" + dana).click();
        wait.until(d -> !d.findElements(By.cssSelector("#thread audio")).isEmpty());
        byId("reply-body").sendKeys("See you Saturday at 11!");
        wait.until(d -> !byId("reply-meta").getText().isEmpty());
        browser.executeScript("document.activeElement.blur(); window.scrollTo(0, 0);");
        Chromium.fullPageScreenshot(browser, 1280, false, SCREENSHOTS.resolve("conversations-desktop.png"));
        Chromium.fullPageScreenshot(browser, 390, true, SCREENSHOTS.resolve("conversations-phone.png"));
        assertThat(SCREENSHOTS.resolve("conversations-desktop.png")).isNotEmptyFile();
        assertThat(SCREENSHOTS.resolve("conversations-phone.png")).isNotEmptyFile();
        byId("reply-body").sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /**
     * Glow Aesthetics through the services' APIs: its number (assigned to Ava, who is told of calls and replies), the
     * ready Missed Call Text Back workflow, the contact Dana Lee; then a first text from Sam, posted until
     * messaging-service routes it (its copy of the numbers comes from settings.business).
     */
    private static synchronized void setUpGlowAesthetics() {
        if (accountReady) {
            return;
        }
        Fixtures.account(ACCOUNT, "Glow Aesthetics");
        Fixtures.user(ACCOUNT, "ava", "Ava");
        TestTokens.as(ACCOUNT).contentType(ContentType.JSON).body(Map.of("name", "Ava", "mobile", AVA_MOBILE))
                .put("/api/accounts/" + ACCOUNT + "/users/ava").then().statusCode(200);
        // The number is bought into the platform's own Twilio account (linked by an operator), whose token signs
        // the webhooks below, as Twilio signs them with the token of the account that holds the number.
        Fixtures.linkTwilioAccount(ACCOUNT, ConsoleBackends.TWILIO_ACCOUNT_SID);
        Fixtures.addNumber(ACCOUNT, Map.of("phoneNumber", NUMBER, "isDefault", true, "assignedUserId", "ava"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> TestTokens.as(ACCOUNT)
                .get("/api/accounts/" + ACCOUNT + "/business-profile").statusCode() == 200);
        dana = TestTokens.as(ACCOUNT).contentType(ContentType.JSON)
                .body(Map.of("phone", DANA, "firstName", "Dana", "lastName", "Lee"))
                .post("/api/accounts/" + ACCOUNT + "/contacts").then().statusCode(201).extract().path("id");
        TestTokens.as(ACCOUNT).contentType(ContentType.JSON).body(Map.of())
                .post("/api/accounts/" + ACCOUNT + "/workflows/templates/missed-call-text-back")
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        // Quiet hours (on by default, 21:00-08:00 in the account's New York time) would hold the workflow's text
        // whenever the suite runs between 01:00 and 13:00 UTC.
        TestTokens.as(ACCOUNT).contentType(ContentType.JSON).body(Map.of("enabled", false))
                .put("/api/accounts/" + ACCOUNT + "/quiet-hours").then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(3)).until(() -> {
            inboundText(SAM, "Are you open on Sunday?");
            Thread.sleep(1500);
            return TestTokens.as(ACCOUNT).get("/api/accounts/" + ACCOUNT + "/conversations").jsonPath()
                    .getList("conversations.phone").contains(SAM);
        });
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> gatewayWebhook("/twilio/voice/incoming",
                call("CA" + hex(16), "+15551230199")).asString().contains("Glow Aesthetics"));
        accountReady = true;
    }

    private void signIn() {
        browser.get(page + "?account=" + ACCOUNT);
        browser.executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        WebElement token = wait.until(visibilityOfElementLocated(By.id("access-token")));
        browser.executeScript("arguments[0].value = arguments[1]", token, TestTokens.forAccount(ACCOUNT));
        token.sendKeys(Keys.END);
        byId("credential-submit").click();
        wait.until(attributeToBe(By.id("main"), "aria-busy", "false"));
        assertThat(byId("inbox").isDisplayed()).isTrue();
    }

    /** A text to the account's number, posted to messaging-service signed as Twilio signs it. */
    private static void inboundText(String from, String body) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", ConsoleBackends.TWILIO_ACCOUNT_SID);
        form.put("MessageSid", "SM" + hex(16));
        form.put("From", from);
        form.put("To", NUMBER);
        form.put("Body", body);
        form.put("NumMedia", "0");
        String url = ConsoleBackends.messaging().url() + "/twilio/messaging/inbound";
        RestAssured.given().urlEncodingEnabled(true).contentType("application/x-www-form-urlencoded")
                .formParams(form).header(TwilioWebhookSigner.HEADER,
                        TwilioWebhookSigner.sign(ConsoleBackends.TWILIO_AUTH_TOKEN, url, form))
                .post(url).then().statusCode(200);
    }

    private static Response gatewayWebhook(String path, Map<String, String> form) {
        String url = ConsoleBackends.gateway().url() + path;
        return RestAssured.given().contentType("application/x-www-form-urlencoded").formParams(form)
                .header(TwilioWebhookSigner.HEADER, TwilioWebhookSigner.sign(ConsoleBackends.TWILIO_AUTH_TOKEN, url, form))
                .post(url);
    }

    private static Map<String, String> call(String callSid, String from) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", ConsoleBackends.TWILIO_ACCOUNT_SID);
        form.put("CallSid", callSid);
        form.put("CallStatus", "ringing");
        form.put("Direction", "inbound");
        form.put("From", from);
        form.put("To", NUMBER);
        return form;
    }

    private static String attribute(String xml, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(name + "=\"([^\"]+)\"").matcher(xml);
        assertThat(m.find()).as(name + " in " + xml).isTrue();
        return m.group(1).replace("&amp;", "&");
    }

    private static String lastBodyOf(String contactId) {
        JsonPath list = TestTokens.as(ACCOUNT).get("/api/accounts/" + ACCOUNT + "/conversations").jsonPath();
        String body = list.getString("conversations.find { it.contactId == '" + contactId + "' }.last.body");
        return body == null ? "" : body;
    }

    private static JsonPath thread(String contactId) {
        return TestTokens.as(ACCOUNT).get("/api/accounts/" + ACCOUNT + "/conversations/" + contactId).then()
                .statusCode(200).extract().jsonPath();
    }

    private static List<SentMessage> textsTo(String to, String body) {
        return ConsoleBackends.twilio().sentMessages().stream()
                .filter(m -> to.equals(m.params().get("To")) && body.equals(m.params().get("Body"))).toList();
    }

    private static WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package com.mctb.console.conversations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A contact's recorded calls in their conversation (issue 19): date, length, who answered (a team member's name from
 * settings-service's users, else the number) and a player. call-gateway's recordings API is stubbed for this account
 * as call-gateway documents it (WireMock in front of the real gateway); the thread is workflow-service's, stubbed the
 * same way; the users are the real settings-service's. The audio is fetched through the console with the token.
 */
@QuarkusTest
@WithTestResource(ConsoleBackends.class)
class RecordedCallsTest {

    private static final String ACCOUNT = "inbox-recorded";
    private static final String RILEY = "+15551230199";

    private static ChromeDriver browser;
    private static WebDriverWait wait;

    @TestHTTPResource("/conversations")
    URL page;

    @ConsoleBackends.InjectWorkflowService
    WireMockServer workflowService;

    @ConsoleBackends.InjectCallGateway
    WireMockServer callGateway;

    @BeforeAll
    static void chromium() {
        browser = Browser.session();
        wait = Browser.waiting();
    }

    @Test
    void aContactsRecordedCallsShowWhenHowLongWhoAnsweredByNameOrNumberAndPlay() throws Exception {
        Fixtures.account(ACCOUNT, "Recorded Spa");
        TestTokens.as(ACCOUNT).contentType(ContentType.JSON).body(Map.of("name", "Ava Stone", "mobile", "+15550004444"))
                .put("/api/accounts/" + ACCOUNT + "/users/ava").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        String base = "/api/accounts/" + ACCOUNT;
        String jwt = TestTokens.forAccount(ACCOUNT);
        workflowService.stubFor(get(urlPathEqualTo(base + "/conversations")).willReturn(okJson("""
                {"conversations": [{"contactId": "ct-riley", "name": "Riley Park", "phone": "%s",
                  "lastAt": "2026-12-01T15:04:00Z", "last": {"kind": "CALL_ANSWERED"}, "unread": 0, "optedOut": false}],
                 "nextOffset": null}""".formatted(RILEY))));
        workflowService.stubFor(get(urlPathEqualTo(base + "/conversations/ct-riley")).willReturn(okJson("""
                {"contactId": "ct-riley", "name": "Riley Park", "phone": "%s", "optedOut": false, "unread": 0,
                 "entries": [{"id": 1, "kind": "CALL_ANSWERED", "at": "2026-12-01T15:00:00Z"}]}""".formatted(RILEY))));
        workflowService.stubFor(post(urlPathEqualTo(base + "/conversations/ct-riley/read")).willReturn(aResponse().withStatus(204)));
        callGateway.stubFor(get(urlPathEqualTo(base + "/recordings")).withQueryParam("contact", equalTo(RILEY))
                .willReturn(okJson("""
                        [{"recordingSid": "RE%s", "callSid": "CA01", "startedAt": "2026-12-01T15:00:00Z",
                          "durationSeconds": 42, "answeredBy": {"number": "+15550004444", "userId": "ava"},
                          "audioUrl": "%s/recordings/RE%s/audio"},
                         {"recordingSid": "RE%s", "callSid": "CA02", "startedAt": "2026-11-30T10:00:00Z",
                          "durationSeconds": 75, "answeredBy": {"number": "+15550001111", "userId": null},
                          "audioUrl": "%s/recordings/RE%s/audio"}]""".formatted("a".repeat(32), base, "a".repeat(32),
                        "b".repeat(32), base, "b".repeat(32)))));
        for (String sid : List.of("a", "b")) {
            callGateway.stubFor(get(urlEqualTo(base + "/recordings/RE" + sid.repeat(32) + "/audio"))
                    .withHeader("Authorization", equalTo("Bearer " + jwt))
                    .willReturn(aResponse().withHeader("Content-Type", "audio/wav").withHeader("Accept-Ranges", "bytes")
                            .withBody(WavTone.of(3.0, 8000))));
        }

        browser.get(page + "?account=" + ACCOUNT);
        browser.executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        WebElement token = wait.until(visibilityOfElementLocated(By.id("access-token")));
        browser.executeScript("arguments[0].value = arguments[1]", token, jwt);
        token.sendKeys(Keys.END);
        browser.findElement(By.id("credential-submit")).click();
        wait.until(attributeToBe(By.id("main"), "aria-busy", "false"));
        wait.until(visibilityOfElementLocated(By.id("conversation-ct-riley"))).click();

        WebElement section = wait.until(visibilityOfElementLocated(By.id("recordings")));
        wait.until(d -> section.findElements(By.cssSelector(".recording")).size() == 2);
        assertThat(browser.findElement(By.id("recordings-status")).getText()).isEqualTo("2 recorded calls");
        List<WebElement> recordings = section.findElements(By.cssSelector(".recording"));
        assertThat(recordings.get(0).findElement(By.cssSelector(".recording-duration")).getText()).isEqualTo("0:42");
        assertThat(recordings.get(0).findElement(By.cssSelector(".recording-answered-by")).getText())
                .as("a team member by name").isEqualTo("Ava Stone");
        assertThat(recordings.get(1).findElement(By.cssSelector(".recording-duration")).getText()).isEqualTo("1:15");
        assertThat(recordings.get(1).findElement(By.cssSelector(".recording-answered-by")).getText())
                .as("no team member: the number").isEqualTo("+1 555-000-1111");
        assertThat(recordings.get(0).findElement(By.cssSelector(".recording-when")).getText())
                .isEqualTo(browser.executeScript("return new Date('2026-12-01T15:00:00Z').toLocaleString([], "
                        + "{dateStyle: 'medium', timeStyle: 'short'})"));

        WebElement audio = browser.findElement(By.id("recording-RE" + "a".repeat(32)));
        wait.until(d -> ((Number) browser.executeScript("return arguments[0].readyState", audio)).intValue() >= 2);
        assertThat(((Number) browser.executeScript("return arguments[0].duration", audio)).doubleValue())
                .isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.01));
        Object played = browser.executeAsyncScript("const audio = arguments[0], done = arguments[1];"
                + "audio.play().then(() => done('playing'), e => done(e.name + ': ' + e.message));", audio);
        assertThat(played).isEqualTo("playing");
        wait.until(d -> ((Number) browser.executeScript("return arguments[0].currentTime", audio)).doubleValue() > 0);
        Chromium.elementScreenshot(browser, browser.findElement(By.id("thread-pane")), 1280,
                Path.of("target", "screenshots", "conversation-recorded-calls.png"));
        callGateway.verify(getRequestedFor(urlPathEqualTo(base + "/recordings"))
                .withHeader("Authorization", equalTo("Bearer " + jwt)));
    }
}

package com.mctb.console.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.mctb.console.testing.Browser;
import com.mctb.console.testing.Chromium;
import com.mctb.console.testing.ConsoleBackends;
import com.mctb.console.testing.Fixtures;
import com.mctb.testkit.TestTokens;
import com.mctb.twilio.standin.HeldNumber;
import com.mctb.twilio.standin.TwilioApiStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
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
 * The Phone numbers panel of the settings page in headless Chromium, against the real settings-service and the
 * Twilio stand-in (strict: the platform's account and the subaccounts settings-service makes, each with its own
 * token): a number searched, bought into the account's new subaccount and configured there; a bad area code and
 * Twilio's refusal shown where they belong; a number someone changed in Twilio's console shown drifted, with what
 * differs, and configured again; numbers removed, kept or released at Twilio; a number the account's Twilio account
 * holds imported, another business's refused.
 */
@QuarkusTest
@WithTestResource(ConsoleBackends.class)
class PhoneNumbersPanelTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static ChromeDriver browser;
    private static WebDriverWait wait;

    @TestHTTPResource("/settings/business-profile")
    URL page;

    @BeforeAll
    static void chromium() {
        browser = Browser.session();
        wait = Browser.waiting();
    }

    @Test
    void aNumberIsFoundBoughtIntoTheAccountsSubaccountAndConfiguredAtTwilio() throws Exception {
        String account = "page-buy";
        String number = "+13125550142";
        Fixtures.account(account, "Buy Barbers");
        signIn(account);
        assertThat(byId("twilio-account-sid").getText()).isEqualTo("none yet");
        assertThat(browser.findElements(By.cssSelector("#numbers input[id*='account-sid']")))
                .as("the Twilio account is read-only for a tenant").isEmpty();

        new Select(byId("search-country")).selectByValue("US");
        byId("search-area-code").sendKeys("312");
        byId("search-contains").sendKeys("0142");
        byId("search-submit").click();

        WebElement offer = wait.until(visibilityOfElementLocated(By.cssSelector("#available-list li[data-number='"
                + number + "']")));
        assertThat(offer.getText()).contains("(312) 555-0142").contains("Chicago").contains("voice").contains("SMS");
        assertThat(byId("search-result").getText()).isEqualTo("1 number available.");
        offer.findElement(By.tagName("button")).click();

        wait.until(textToBePresentInElementLocated(By.id("search-result"),
                "Bought " + number + " and configured it at Twilio."));
        WebElement item = wait.until(visibilityOfElementLocated(By.id("number-13125550142")));
        wait.until(textToBePresentInElementLocated(By.id("number-13125550142-twilio"), "Configured at Twilio"));
        assertThat(item.getText()).contains("Bought · PN");
        assertThat(browser.findElements(By.cssSelector("#available-list li"))).as("no longer offered").isEmpty();

        String subaccount = TestTokens.as(account).get("/api/accounts/" + account + "/twilio").then().statusCode(200)
                .extract().path("accountSid");
        assertThat(subaccount).startsWith("AC").isNotEqualTo(ConsoleBackends.TWILIO_ACCOUNT_SID);
        wait.until(textToBePresentInElementLocated(By.id("twilio-account-sid"), subaccount));
        assertThat(byId("twilio-account-source").getText()).contains("subaccount of the platform");
        HeldNumber held = twilio().number(number).orElseThrow();
        assertThat(held.accountSid()).isEqualTo(subaccount);
        assertThat(held.voiceUrl()).isEqualTo(ConsoleBackends.gateway().url() + "/twilio/voice/incoming");
        assertThat(held.statusCallback()).isEqualTo(ConsoleBackends.gateway().url() + "/twilio/voice/status");
        assertThat(held.smsUrl()).isEqualTo(ConsoleBackends.messaging().url() + "/twilio/messaging/inbound");

        Chromium.fullPageScreenshot(browser, 1280, false, SCREENSHOTS.resolve("phone-numbers-desktop.png"));
        assertThat(SCREENSHOTS.resolve("phone-numbers-desktop.png")).isNotEmptyFile();
    }

    @Test
    void aBadAreaCodeIsRefusedNextToItsFieldAndTwilioRefusingAPurchaseIsShownWithItsCode() {
        String account = "page-refused";
        Fixtures.account(account, "Refused Rentals");
        signIn(account);

        byId("search-area-code").sendKeys("41");
        byId("search-submit").click();

        WebElement error = wait.until(visibilityOfElementLocated(By.id("search-area-code-error")));
        assertThat(error.getText()).isNotBlank();
        assertThat(byId("search-area-code").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(byId("search-result").getText()).startsWith("Not searched");

        retype(byId("search-area-code"), "206");
        byId("search-contains").sendKeys("0150");
        byId("search-submit").click();
        WebElement offer = wait.until(visibilityOfElementLocated(
                By.cssSelector("#available-list li[data-number='+12065550150']")));
        assertThat(byId("search-area-code-error").isDisplayed()).as("the error is cleared").isFalse();
        twilio().refuseNextPurchases(1, 400, 21422);
        offer.findElement(By.tagName("button")).click();

        wait.until(textToBePresentInElementLocated(By.id("search-result"), "+12065550150 not added"));
        assertThat(byId("search-result").getText()).contains("21422");
        assertThat(byId("search-result").getAttribute("role")).isEqualTo("alert");
        assertThat(browser.findElements(By.id("number-12065550150"))).isEmpty();
        TestTokens.as(account).get("/api/accounts/" + account + "/numbers").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void aNumberChangedInTwilioConsoleIsShownDriftedWithWhatDiffersAndIsConfiguredAgain() {
        String account = "page-drift";
        String number = "+15125550160";
        Fixtures.account(account, "Drift Dental");
        Fixtures.number(account, number);
        String expected = ConsoleBackends.gateway().url() + "/twilio/voice/incoming";
        twilio().editNumber(number, Map.of("VoiceUrl", "https://elsewhere.example/voice"));
        signIn(account);

        By state = By.id("number-15125550160-twilio");
        wait.until(textToBePresentInElementLocated(state, "Changed at Twilio"));
        assertThat(byId("number-15125550160-twilio").getText())
                .contains("Voice URL is https://elsewhere.example/voice at Twilio; it should be " + expected);

        byId("number-15125550160-twilio").findElement(By.cssSelector("button")).click();

        wait.until(textToBePresentInElementLocated(state, "Configured again at Twilio."));
        assertThat(byId("number-15125550160-twilio").getText()).contains("Configured at Twilio")
                .doesNotContain("elsewhere");
        assertThat(twilio().number(number).orElseThrow().voiceUrl()).isEqualTo(expected);
    }

    @Test
    void aNumberIsRemovedKeptAtTwilioAndAnotherRemovedAndReleased() {
        String account = "page-remove";
        Fixtures.account(account, "Remove Realty");
        Fixtures.number(account, "+12065550170");
        Fixtures.number(account, "+12065550171");
        signIn(account);

        removeNumber("12065550170", false);
        wait.until(textToBePresentInElementLocated(By.id("numbers-result"),
                "Removed +12065550170 (still held at Twilio)."));
        assertThat(twilio().number("+12065550170")).as("still the account's at Twilio").isPresent();

        removeNumber("12065550171", true);
        wait.until(textToBePresentInElementLocated(By.id("numbers-result"),
                "Removed +12065550171 and released it at Twilio."));
        assertThat(twilio().number("+12065550171")).as("released").isEmpty();
        assertThat(browser.findElements(By.cssSelector("#numbers-list > li"))).isEmpty();
        assertThat(byId("numbers-empty").isDisplayed()).isTrue();
        TestTokens.as(account).get("/api/accounts/" + account + "/numbers").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void aNumberTheAccountsTwilioAccountHoldsIsImportedAndAnotherBusinesssIsRefused() {
        String account = "page-import";
        Fixtures.account(account, "Import Interiors");
        Fixtures.number(account, "+13055550180");
        String subaccount = TestTokens.as(account).get("/api/accounts/" + account + "/twilio").then()
                .statusCode(200).extract().path("accountSid");
        twilio().seedNumber(subaccount, "+13055550181");
        twilio().seedNumber("AC" + "e".repeat(32), "+13055550182");
        signIn(account);

        WebElement input = byId("import-number");
        input.sendKeys("12345");
        byId("import-submit").click();
        wait.until(visibilityOfElementLocated(By.id("import-number-error")));
        assertThat(byId("import-number-error").getText()).contains("international format");

        retype(input, "+1 305 555 0181");
        byId("import-submit").click();
        wait.until(textToBePresentInElementLocated(By.id("import-result"),
                "Imported +13055550181 and configured it at Twilio."));
        wait.until(textToBePresentInElementLocated(By.id("number-13055550181-twilio"), "Imported"));
        assertThat(twilio().number("+13055550181").orElseThrow().voiceUrl())
                .isEqualTo(ConsoleBackends.gateway().url() + "/twilio/voice/incoming");

        retype(byId("import-number"), "+13055550182");
        byId("import-submit").click();
        wait.until(textToBePresentInElementLocated(By.id("import-result"), "+13055550182 not added"));
        assertThat(byId("import-number-error").getText()).contains("+13055550182");
        assertThat(browser.findElements(By.id("number-13055550182"))).isEmpty();
        assertThat(twilio().number("+13055550182").orElseThrow().accountSid()).as("still the other business's")
                .isEqualTo("AC" + "e".repeat(32));
    }

    private void removeNumber(String key, boolean release) {
        WebElement item = wait.until(visibilityOfElementLocated(By.id("number-" + key)));
        item.findElement(By.cssSelector("button[aria-controls='number-" + key + "-remove']")).click();
        wait.until(visibilityOfElementLocated(By.id("number-" + key + "-remove")));
        if (release) {
            byId("number-" + key + "-remove-release").click();
        }
        byId("number-" + key + "-remove-confirm").click();
        wait.until(d -> d.findElements(By.id("number-" + key)).isEmpty());
    }

    private static TwilioApiStandIn twilio() {
        return ConsoleBackends.twilio();
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
        assertThat(byId("settings").isDisplayed()).isTrue();
    }

    private static WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    private static void retype(WebElement input, String text) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text);
    }
}

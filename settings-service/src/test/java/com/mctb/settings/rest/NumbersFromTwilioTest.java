package com.mctb.settings.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import com.mctb.contracts.Keys;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.BusinessProfileChanged;
import com.mctb.contracts.event.CallSettingsChanged;
import com.mctb.settings.domain.twilio.NumberOrigin;
import com.mctb.settings.domain.twilio.PendingNumbers;
import com.mctb.settings.persistence.PendingNumber;
import com.mctb.settings.service.PendingNumberReconciler;
import com.mctb.settings.testing.Fixtures;
import com.mctb.settings.testing.TwilioStandIn;
import com.mctb.settings.testing.WorkflowServiceStandIn;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestTokens;
import com.mctb.twilio.standin.ApiRequest;
import com.mctb.twilio.standin.HeldNumber;
import com.mctb.twilio.standin.TwilioApiDescription;
import com.mctb.twilio.standin.TwilioApiStandIn;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Numbers come from Twilio, through the real service and the Twilio stand-in (strict: the platform's credentials on
 * the subaccounts' paths): bought, imported, configured, refused, released, drifted and re-configured, and settled
 * after a crash or a lost answer. After each test, every request settings-service made to Twilio, and every answer,
 * is checked against Twilio's OpenAPI description.
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(WorkflowServiceStandIn.class)
@WithTestResource(TwilioStandIn.class)
class NumbersFromTwilioTest {

    private static final String VOICE_URL = "https://hooks.gateway.test/twilio/voice/incoming";
    private static final String STATUS_URL = "https://hooks.gateway.test/twilio/voice/status";
    private static final String SMS_URL = "https://hooks.messaging.test/twilio/messaging/inbound";
    private static final TwilioApiDescription DESCRIPTION = TwilioApiDescription.load();

    @Inject
    PendingNumberReconciler reconciler;

    private final TwilioApiStandIn twilio = TwilioStandIn.twilio();
    private int trafficBefore;

    @BeforeEach
    void mark() {
        twilio.reset();
        trafficBefore = twilio.apiRequests().size();
    }

    @AfterEach
    void everyTwilioRequestAndAnswerIsOneTwiliosDescriptionDefines() {
        twilio.reset();
        List<ApiRequest> traffic = twilio.apiRequests();
        List<ApiRequest> mine = traffic.subList(trafficBefore, traffic.size()).stream().filter(r -> r.status() != 0)
                .toList();
        assertThat(DESCRIPTION.check(mine)).isEmpty();
    }

    @Test
    void aNumberFoundBySearchIsBoughtIntoTheAccountsNewSubaccountConfiguredAndPublished() {
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters())
                        + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger.getLogger("").addHandler(capture);
        try {
            buyAndCheck(logged);
        } finally {
            java.util.logging.Logger.getLogger("").removeHandler(capture);
        }
    }

    private void buyAndCheck(List<String> logged) {
        Fixtures.account("buyer", "Buyer Bakery");
        String number = TestTokens.as("buyer").queryParam("areaCode", "512").queryParam("contains", "0133")
                .get("/api/accounts/buyer/numbers/available").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].friendlyName", equalTo("(512) 555-0133"))
                .body("[0].locality", equalTo("Austin"))
                .body("[0].country", equalTo("US"))
                .body("[0].capabilities.sms", equalTo(true))
                .extract().path("[0].phoneNumber");
        assertThat(number).isEqualTo("+15125550133");

        Response added = TestTokens.as("buyer").contentType(ContentType.JSON).body(Map.of("phoneNumber", number))
                .post("/api/accounts/buyer/numbers");

        added.then().statusCode(201)
                .header("Location", containsString("/api/accounts/buyer/numbers/+15125550133"))
                .body("number", equalTo(number))
                .body("isDefault", equalTo(true))
                .body("twilio.origin", equalTo("BOUGHT"))
                .body("twilio.configuration", equalTo("CONFIGURED"))
                .body("twilio.drift", empty())
                .body("twilio.phoneNumberSid", notNullValue());
        String sub = TestTokens.as("buyer").get("/api/accounts/buyer/twilio").then().statusCode(200)
                .body("source", equalTo("SUBACCOUNT"))
                .body("friendlyName", equalTo("mctb buyer"))
                .extract().path("accountSid");
        assertThat(sub).isNotEqualTo(TwilioStandIn.PLATFORM_SID);
        assertThat(added.path("twilio.accountSid").toString()).isEqualTo(sub);
        HeldNumber atTwilio = twilio.number(number).orElseThrow();
        assertThat(atTwilio.accountSid()).isEqualTo(sub);
        assertThat(atTwilio.sid()).isEqualTo(added.path("twilio.phoneNumberSid"));
        assertThat(atTwilio.voiceUrl()).isEqualTo(VOICE_URL);
        assertThat(atTwilio.voiceMethod()).isEqualTo("POST");
        assertThat(atTwilio.statusCallback()).isEqualTo(STATUS_URL);
        assertThat(atTwilio.statusCallbackMethod()).isEqualTo("POST");
        assertThat(atTwilio.smsUrl()).isEqualTo(SMS_URL);
        assertThat(atTwilio.smsMethod()).isEqualTo("POST");

        CallSettingsChanged call = Fixtures.latest(Topics.SETTINGS_CALL, Keys.accountAndPhone("buyer", number),
                CallSettingsChanged.class, e -> sub.equals(e.twilioAccountSid()));
        assertThat(call.number()).isEqualTo(number);
        BusinessProfileChanged profile = Fixtures.latest(Topics.SETTINGS_BUSINESS, Keys.account("buyer"),
                BusinessProfileChanged.class, e -> e.numbers().contains(number));
        assertThat(profile.twilioAccountSid()).isEqualTo(sub);
        assertThat(Fixtures.latest(Topics.SETTINGS_CALL, Keys.account("buyer"), CallSettingsChanged.class,
                e -> sub.equals(e.twilioAccountSid())).number()).isNull();

        // The subaccount's own auth token exists at Twilio, and is never answered by the API.
        String subToken = twilio.account(sub).orElseThrow().authToken();
        assertThat(TestTokens.as("buyer").get("/api/accounts/buyer/twilio").asString()).doesNotContain(subToken);
        assertThat(TestTokens.as("buyer").get("/api/accounts/buyer/numbers").asString()).doesNotContain(subToken);
        assertThat(added.asString()).doesNotContain(subToken);
        assertThat(logged).as("what the service logged").isNotEmpty()
                .anySatisfy(line -> assertThat(line).contains("number added"))
                .noneSatisfy(line -> assertThat(line).contains(subToken));
    }

    @Test
    void aNumberTheAccountsTwilioAccountHoldsIsImportedAndConfigured() {
        Fixtures.account("importer", "Importer Inc");
        String sub = Fixtures.twilioAccount("importer");
        HeldNumber seeded = twilio.seedNumber(sub, "+12065550120");
        assertThat(seeded.voiceUrl()).isNull();

        TestTokens.as("importer").contentType(ContentType.JSON)
                .body(Map.of("phoneNumber", "+12065550120", "isDefault", true))
                .post("/api/accounts/importer/numbers").then().statusCode(201)
                .body("twilio.origin", equalTo("IMPORTED"))
                .body("twilio.phoneNumberSid", equalTo(seeded.sid()))
                .body("twilio.configuration", equalTo("CONFIGURED"));

        HeldNumber configured = twilio.number("+12065550120").orElseThrow();
        assertThat(configured.voiceUrl()).isEqualTo(VOICE_URL);
        assertThat(configured.statusCallback()).isEqualTo(STATUS_URL);
        assertThat(configured.smsUrl()).isEqualTo(SMS_URL);
        assertThat(configured.accountSid()).isEqualTo(sub);
        // The existing per-number settings work on it.
        Fixtures.callSettings("importer", "numbers/+12065550120/call-settings", Map.of("timeoutSeconds", 12));
        TestTokens.as("importer").get("/api/accounts/importer/numbers/+12065550120/call-settings").then()
                .statusCode(200).body("timeoutSeconds", equalTo(12));
    }

    @Test
    void aNumberAnotherAccountHoldsIsRefused409NamingIt() {
        Fixtures.account("holder", "Holder");
        Fixtures.account("grabber", "Grabber");
        Fixtures.number("holder", "+13125550150");

        TestTokens.as("grabber").contentType(ContentType.JSON).body(Map.of("phoneNumber", "+13125550150"))
                .post("/api/accounts/grabber/numbers").then().statusCode(409)
                .body("detail", containsString("+13125550150")).body("detail", containsString("another account"));
        TestTokens.as("grabber").get("/api/accounts/grabber/numbers").then().statusCode(200).body("", empty());
        assertThat(twilio.number("+13125550150").orElseThrow().accountSid())
                .isEqualTo(Fixtures.twilioAccount("holder"));
    }

    @Test
    void aNumberNoTwilioAccountOfOursHoldsAndTwilioDoesNotOfferIsRefusedNamingIt() {
        Fixtures.account("squatter", "Squatter");
        // A real business's number: held by its own Twilio account, not ours, so not for sale either.
        twilio.seedNumber("AC" + "f".repeat(32), "+14155550177");

        TestTokens.as("squatter").contentType(ContentType.JSON).body(Map.of("phoneNumber", "+14155550177"))
                .post("/api/accounts/squatter/numbers").then().statusCode(422)
                .body("detail", containsString("+14155550177")).body("detail", containsString("21422"));

        TestTokens.as("squatter").get("/api/accounts/squatter/numbers").then().statusCode(200).body("", empty());
        assertThat(pending("+14155550177")).isFalse();
        assertThat(twilio.number("+14155550177").orElseThrow().accountSid()).isEqualTo("AC" + "f".repeat(32));
    }

    @Test
    void twilioRefusingThePurchaseIsAnsweredWithItsCodeAndNothingIsAdded() {
        Fixtures.account("refused", "Refused");
        twilio.refuseNextPurchases(1, 400, 21422);

        TestTokens.as("refused").contentType(ContentType.JSON).body(Map.of("phoneNumber", "+13055550111"))
                .post("/api/accounts/refused/numbers").then().statusCode(422)
                .body("detail", containsString("+13055550111")).body("detail", containsString("21422"));

        TestTokens.as("refused").get("/api/accounts/refused/numbers").then().statusCode(200).body("", empty());
        assertThat(twilio.number("+13055550111")).isEmpty();
        assertThat(pending("+13055550111")).isFalse();
    }

    @Test
    void twilioUnreachableIs503AndNothingIsHalfRegistered() {
        Fixtures.account("offline", "Offline");
        Fixtures.twilioAccount("offline");
        twilio.numbersUnreachable(true);

        TestTokens.as("offline").contentType(ContentType.JSON).body(Map.of("phoneNumber", "+13055550112"))
                .post("/api/accounts/offline/numbers").then().statusCode(503)
                .body("detail", containsString("Twilio"));
        TestTokens.as("offline").queryParam("areaCode", "305").get("/api/accounts/offline/numbers/available")
                .then().statusCode(503).body("detail", containsString("Twilio"));
        twilio.numbersUnreachable(false);

        TestTokens.as("offline").get("/api/accounts/offline/numbers").then().statusCode(200).body("", empty());
        assertThat(twilio.number("+13055550112")).isEmpty();
        assertThat(pending("+13055550112")).isFalse();
    }

    @Test
    void aPurchaseWhoseAnswerWasLostIsNotInTheProductUntilTwilioSaysItTookIt() {
        Fixtures.account("lost", "Lost Answer");
        Fixtures.twilioAccount("lost");
        twilio.stallNextPurchase(Duration.ofMillis(2_500), true);

        TestTokens.as("lost").contentType(ContentType.JSON).body(Map.of("phoneNumber", "+13055550113"))
                .post("/api/accounts/lost/numbers").then().statusCode(503)
                .body("detail", containsString("+13055550113"));
        TestTokens.as("lost").get("/api/accounts/lost/numbers").then().statusCode(200).body("", empty());
        assertThat(pending("+13055550113")).isTrue();
        TestTokens.as("lost").contentType(ContentType.JSON).body(Map.of("phoneNumber", "+13055550113"))
                .post("/api/accounts/lost/numbers").then().statusCode(409).body("detail", containsString("being added"));

        PendingNumberReconciler.Run run = reconciler.reconcile(Instant.now().plusSeconds(1));

        assertThat(run.finished()).isEqualTo(1);
        TestTokens.as("lost").get("/api/accounts/lost/numbers").then().statusCode(200)
                .body("number", hasItem("+13055550113"))
                .body("[0].twilio.origin", equalTo("BOUGHT"))
                .body("[0].twilio.configuration", equalTo("CONFIGURED"));
        assertThat(pending("+13055550113")).isFalse();
    }

    @Test
    void afterACrashPendingRowsAreFinishedOrUndoneByAskingTwilio() {
        Fixtures.account("crashed", "Crashed");
        String sub = Fixtures.twilioAccount("crashed");
        // 1. Bought at Twilio, then the service died before recording it.
        twilio.seedNumber(sub, "+12125550161");
        pendingRow("crashed", sub, "+12125550161", PendingNumbers.Operation.ADD, NumberOrigin.BOUGHT, null);
        // 2. Written, then the service died before Twilio was asked (or Twilio never took it).
        pendingRow("crashed", sub, "+12125550162", PendingNumbers.Operation.ADD, null, null);
        // 3. Removed from the product with release=true, then the service died before Twilio released it.
        HeldNumber held = twilio.seedNumber(sub, "+12125550163");
        pendingRow("crashed", sub, "+12125550163", PendingNumbers.Operation.RELEASE, null, held.sid());
        // 4. Just written by a request still waiting for Twilio: too young to touch.
        Instant cutoff = Instant.now().plusMillis(500);
        sleep(600);
        pendingRow("crashed", sub, "+12125550164", PendingNumbers.Operation.ADD, NumberOrigin.BOUGHT, null);

        PendingNumberReconciler.Run run = reconciler.reconcile(cutoff);

        assertThat(run).isEqualTo(new PendingNumberReconciler.Run(1, 1, 1, 0));
        TestTokens.as("crashed").get("/api/accounts/crashed/numbers").then().statusCode(200)
                .body("number", equalTo(List.of("+12125550161")))
                .body("[0].twilio.configuration", equalTo("CONFIGURED"));
        assertThat(twilio.number("+12125550161").orElseThrow().voiceUrl()).isEqualTo(VOICE_URL);
        assertThat(twilio.number("+12125550162")).isEmpty();
        assertThat(twilio.number("+12125550163")).isEmpty();
        assertThat(pending("+12125550161")).isFalse();
        assertThat(pending("+12125550162")).isFalse();
        assertThat(pending("+12125550163")).isFalse();
        assertThat(pending("+12125550164")).isTrue();
        reconciler.reconcile(Instant.now());
        assertThat(pending("+12125550164")).isFalse();
    }

    @Test
    void aNumberEditedAtTwilioIsReportedDriftedAndReconfiguringFixesIt() {
        Fixtures.account("drifter", "Drifter");
        Fixtures.number("drifter", "+15125550140");
        twilio.editNumber("+15125550140", Map.of("VoiceUrl", "https://someone.else/voice", "SmsMethod", "GET"));

        TestTokens.as("drifter").get("/api/accounts/drifter/numbers/+15125550140").then().statusCode(200)
                .body("twilio.configuration", equalTo("DRIFTED"))
                .body("twilio.drift.field", equalTo(List.of("voiceUrl", "smsMethod")))
                .body("twilio.drift[0].expected", equalTo(VOICE_URL))
                .body("twilio.drift[0].actual", equalTo("https://someone.else/voice"))
                .body("twilio.checkedAt", notNullValue());
        TestTokens.as("drifter").get("/api/accounts/drifter/numbers").then().statusCode(200)
                .body("[0].twilio.configuration", equalTo("DRIFTED"));

        TestTokens.as("drifter").post("/api/accounts/drifter/numbers/+15125550140/configure").then().statusCode(200)
                .body("twilio.configuration", equalTo("CONFIGURED")).body("twilio.drift", empty());
        assertThat(twilio.number("+15125550140").orElseThrow().voiceUrl()).isEqualTo(VOICE_URL);
        assertThat(twilio.number("+15125550140").orElseThrow().smsMethod()).isEqualTo("POST");

        // After a change of public base URL (or anyone's edit), the operator re-applies every number's.
        twilio.editNumber("+15125550140", Map.of("StatusCallback", "https://old.example/status"));
        given().auth().oauth2(TestTokens.admin()).post("/api/twilio/numbers/configure").then().statusCode(200)
                .body("configured", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                .body("failed.number", not(hasItem("+15125550140")));
        assertThat(twilio.number("+15125550140").orElseThrow().statusCallback()).isEqualTo(STATUS_URL);
    }

    @Test
    void releaseTrueReleasesTheNumberAtTwilioAndWithoutItTwilioKeepsIt() {
        Fixtures.account("leaving", "Leaving");
        Fixtures.number("leaving", "+14155550181");
        Fixtures.number("leaving", "+14155550182");

        TestTokens.as("leaving").queryParam("release", "true").delete("/api/accounts/leaving/numbers/+14155550181")
                .then().statusCode(204);
        TestTokens.as("leaving").delete("/api/accounts/leaving/numbers/+14155550182").then().statusCode(204);

        assertThat(twilio.number("+14155550181")).isEmpty();
        assertThat(twilio.number("+14155550182")).isPresent();
        TestTokens.as("leaving").get("/api/accounts/leaving/numbers").then().statusCode(200).body("", empty());
        assertThat(pending("+14155550181")).isFalse();
    }

    @Test
    void badSearchesNumbersAndAccountSidsAreRefusedNamingTheField() {
        Fixtures.account("sloppy", "Sloppy");

        TestTokens.as("sloppy").queryParam("areaCode", "41").get("/api/accounts/sloppy/numbers/available").then()
                .statusCode(400).body("errors.field", hasItem("areaCode"));
        TestTokens.as("sloppy").queryParam("country", "USA").get("/api/accounts/sloppy/numbers/available").then()
                .statusCode(400).body("errors.field", hasItem("country"));
        TestTokens.as("sloppy").queryParam("contains", "55-01").get("/api/accounts/sloppy/numbers/available").then()
                .statusCode(400).body("errors.field", hasItem("contains"));
        TestTokens.as("sloppy").contentType(ContentType.JSON).body(Map.of("phoneNumber", "hello"))
                .post("/api/accounts/sloppy/numbers").then().statusCode(400).body("errors.field", hasItem("phoneNumber"));
        TestTokens.as("sloppy").contentType(ContentType.JSON).body(Map.of())
                .post("/api/accounts/sloppy/numbers").then().statusCode(400).body("errors.field", hasItem("phoneNumber"));
        TestTokens.as("sloppy").contentType(ContentType.JSON).post("/api/accounts/sloppy/numbers").then().statusCode(400);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("accountSid", "AC123"))
                .put("/api/accounts/sloppy/twilio").then().statusCode(400).body("errors.field", hasItem("accountSid"));
        String unknown = "AC" + "9".repeat(32);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("accountSid", unknown))
                .put("/api/accounts/sloppy/twilio").then().statusCode(422).body("detail", containsString(unknown));
        TestTokens.as("sloppy").get("/api/accounts/sloppy/twilio").then().statusCode(200)
                .body("accountSid", org.hamcrest.Matchers.nullValue());
    }

    private static boolean pending(String number) {
        return QuarkusTransaction.requiringNew().call(() -> PendingNumber.findById(number) != null);
    }

    private static void pendingRow(String accountId, String twilioAccountSid, String number,
            PendingNumbers.Operation operation, NumberOrigin origin, String phoneNumberSid) {
        QuarkusTransaction.requiringNew().run(() -> {
            PendingNumber row = new PendingNumber();
            row.number = number;
            row.accountId = accountId;
            row.twilioAccountSid = twilioAccountSid;
            row.operation = operation;
            row.origin = origin;
            row.phoneNumberSid = phoneNumberSid;
            row.createdAt = Instant.now();
            row.persist();
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

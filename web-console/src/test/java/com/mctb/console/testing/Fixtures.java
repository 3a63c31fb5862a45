package com.mctb.console.testing;

import com.mctb.testkit.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.hamcrest.Matchers;

/** What the console's tests set up, through the console's /api as the pages do (so through the pass-through too). */
public final class Fixtures {

    private Fixtures() {
    }

    public static void account(String id, String name) {
        account(id, name, "America/New_York");
    }

    public static void account(String id, String name, String timeZone) {
        TestTokens.as(id).contentType(ContentType.JSON).body(Map.of("businessName", name, "timeZone", timeZone))
                .put("/api/accounts/" + id)
                .then().statusCode(Matchers.oneOf(200, 201));
    }

    /**
     * Adds a number as the page does (POST: bought into the account's Twilio account at the stand-in, which makes
     * the account's subaccount first; configured there). Take it from the stand-in's pool: +1 415 555-01xx, …
     */
    public static void number(String accountId, String e164) {
        addNumber(accountId, Map.of("phoneNumber", e164));
    }

    public static void number(String accountId, String e164, String assignedUserId) {
        addNumber(accountId, Map.of("phoneNumber", e164, "assignedUserId", assignedUserId));
    }

    /** A number that is the account's default sending number. */
    public static void defaultNumber(String accountId, String e164) {
        addNumber(accountId, Map.of("phoneNumber", e164, "isDefault", true));
    }

    public static void addNumber(String accountId, Map<String, ?> body) {
        TestTokens.as(accountId).contentType(ContentType.JSON).body(body)
                .post("/api/accounts/" + accountId + "/numbers").then().statusCode(201);
    }

    /** An operator ties the account to the platform's own Twilio account (a LINKED account, as PUT …/twilio does). */
    public static void linkTwilioAccount(String accountId, String twilioAccountSid) {
        io.restassured.RestAssured.given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("accountSid", twilioAccountSid))
                .put("/api/accounts/" + accountId + "/twilio").then().statusCode(200);
    }

    public static void user(String accountId, String userId, String name) {
        TestTokens.as(accountId).contentType(ContentType.JSON).body(Map.of("name", name))
                .put("/api/accounts/" + accountId + "/users/" + userId)
                .then().statusCode(Matchers.oneOf(200, 201));
    }

    /** PUTs a level's call settings (path relative to the account, e.g. "call-settings" or "users/dana/call-settings"). */
    public static void callSettings(String accountId, String levelPath, Map<String, ?> body) {
        TestTokens.as(accountId).contentType(ContentType.JSON).body(body)
                .put("/api/accounts/" + accountId + "/" + levelPath)
                .then().statusCode(200);
    }

    /** Uploads a greeting file as a browser form does. */
    public static Response uploadGreeting(String accountId, String levelPath, byte[] file, String fileName,
            String declaredType) {
        return TestTokens.as(accountId).multiPart("file", fileName, file, declaredType)
                .put("/api/accounts/" + accountId + "/" + levelPath + "/greeting");
    }
}

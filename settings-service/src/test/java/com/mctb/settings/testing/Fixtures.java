package com.mctb.settings.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.contracts.event.Event;
import com.mctb.contracts.json.EventJson;
import com.mctb.testkit.TestTokens;
import com.mctb.testkit.TopicProbe;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hamcrest.Matchers;

/** What the module's tests set up again and again, through the API as a client would. */
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
     * Adds a number the way the product does, by POST: the account's Twilio account (its subaccount, made by an
     * operator's call when it has none) already holds it at the stand-in, so it is imported and configured there.
     */
    public static void number(String accountId, String e164) {
        addNumber(accountId, e164, Map.of("phoneNumber", e164));
    }

    public static void number(String accountId, String e164, String assignedUserId) {
        addNumber(accountId, e164, Map.of("phoneNumber", e164, "assignedUserId", assignedUserId));
    }

    /** The account's Twilio AccountSid, its subaccount made (as an operator) when it has none. */
    public static String twilioAccount(String accountId) {
        String sid = TestTokens.as(accountId).get("/api/accounts/" + accountId + "/twilio").then().statusCode(200)
                .extract().path("accountSid");
        if (sid != null) {
            return sid;
        }
        return io.restassured.RestAssured.given().auth().oauth2(TestTokens.admin())
                .post("/api/accounts/" + accountId + "/twilio/subaccount").then().statusCode(201)
                .extract().path("accountSid");
    }

    /** The number is held at Twilio by the account's Twilio account (seeded at the stand-in when it is not yet). */
    public static String heldAtTwilio(String accountId, String e164) {
        String sid = twilioAccount(accountId);
        if (TwilioStandIn.twilio().number(e164).isEmpty()) {
            TwilioStandIn.twilio().seedNumber(sid, e164);
        }
        return sid;
    }

    private static void addNumber(String accountId, String e164, Map<String, String> body) {
        heldAtTwilio(accountId, e164);
        TestTokens.as(accountId).contentType(ContentType.JSON).body(body)
                .post("/api/accounts/" + accountId + "/numbers").then().statusCode(201);
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

    /**
     * The latest event under {@code key} on a topic, once one under that key satisfies {@code until}; fails when
     * none does within 20 s.
     */
    public static <T extends Event> T latest(String topic, String key, Class<T> type, Predicate<T> until) {
        List<ConsumerRecord<String, String>> records = TopicProbe.readUntil(topic,
                rs -> rs.stream().anyMatch(r -> key.equals(r.key()) && r.value() != null
                        && until.test(EventJson.decode(r.value(), type))),
                Duration.ofSeconds(20), Duration.ofMillis(300));
        ConsumerRecord<String, String> last = records.stream().filter(r -> key.equals(r.key()))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("nothing under " + key + " on " + topic));
        assertThat(last.value()).as("latest record under " + key + " is not a tombstone").isNotNull();
        return EventJson.decode(last.value(), type);
    }

    /** Every record under {@code key}, once the last one satisfies {@code until} (null values are tombstones). */
    public static List<ConsumerRecord<String, String>> recordsUnder(String topic, String key,
            Predicate<ConsumerRecord<String, String>> until) {
        return TopicProbe.readUntil(topic,
                        rs -> rs.stream().filter(r -> key.equals(r.key())).reduce((a, b) -> b).filter(until).isPresent(),
                        Duration.ofSeconds(20), Duration.ofMillis(300))
                .stream().filter(r -> key.equals(r.key())).toList();
    }
}

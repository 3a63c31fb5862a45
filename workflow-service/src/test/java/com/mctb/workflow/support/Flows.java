package com.mctb.workflow.support;

import static org.awaitility.Awaitility.await;

import com.mctb.contracts.Keys;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.BusinessProfileChanged;
import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.DialStatus;
import com.mctb.contracts.event.Event;
import com.mctb.contracts.event.SendMessage;
import com.mctb.contracts.hours.BusinessHours;
import com.mctb.contracts.hours.OpenInterval;
import com.mctb.contracts.json.EventJson;
import com.mctb.testkit.TestTokens;
import com.mctb.testkit.TopicProbe;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What the flow tests do again and again: an account's profile, its missed calls, the commands and journeys. */
public final class Flows {

    private static final AtomicLong VERSIONS = new AtomicLong(System.currentTimeMillis());
    private static final AtomicLong CALLS = new AtomicLong(System.nanoTime());

    private Flows() {
    }

    /** An account's Business Profile on settings.business, waited for until this service's copy has it. */
    public static void profile(String account, String business, String zone, List<String> numbers, BusinessHours hours,
            BusinessProfileChanged.LegacyTextBack legacy) {
        long version = VERSIONS.incrementAndGet();
        TopicProbe.send(Topics.SETTINGS_BUSINESS, Keys.account(account), EventJson.encode(new BusinessProfileChanged(
                account, business, zone, numbers, numbers.isEmpty() ? null : numbers.get(0), hours, legacy, version,
                Instant.now())));
        await().atMost(Duration.ofSeconds(20)).until(() -> TestTokens.as(account)
                        .get("/api/accounts/" + account + "/business-profile").then().extract(),
                r -> r.statusCode() == 200 && r.jsonPath().getLong("version") == version);
    }

    /**
     * A fixed-offset zone whose wall clock reads between 12:00 and 13:00 while the suite runs: the flow tests place
     * calls "now", and the default quiet hours (21:00-08:00 local) would hold those texts whenever the suite runs at
     * night in a real zone. Tests about quiet hours choose their own zone.
     */
    public static final String MIDDAY_ZONE = java.time.ZoneOffset.ofHours(
            Math.floorMod(12 - java.time.LocalTime.now(java.time.ZoneOffset.UTC).getHour() + 11, 24) - 11).getId();

    /** Always open (no hours set), legacy toggle off, in a zone where it is midday now. */
    public static void profile(String account, String business, String number) {
        profile(account, business, MIDDAY_ZONE, List.of(number), null, null);
    }

    /** Monday to Friday, 09:00 to 17:00, in the zone. */
    public static BusinessHours nineToFive(String zone) {
        Map<DayOfWeek, List<OpenInterval>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            weekly.put(day, List.of(OpenInterval.of("09:00", "17:00")));
        }
        return new BusinessHours(zone, weekly, List.of());
    }

    public static String newCallSid() {
        return "CA" + String.format("%032x", CALLS.incrementAndGet());
    }

    public static CallMissed missed(String account, String from, String to, Instant at) {
        return new CallMissed(newCallSid(), account, from, to, DialStatus.NO_ANSWER, 15, false, at);
    }

    /** Publishes as call-gateway does: keyed by account and caller. */
    public static CallMissed send(CallMissed call) {
        TopicProbe.send(Topics.CALLS_MISSED, Keys.accountAndPhone(call.accountId(), call.from()), EventJson.encode(call));
        return call;
    }

    public static void sendEvent(String topic, String key, Event event) {
        TopicProbe.send(topic, key, EventJson.encode(event));
    }

    /** The account's commands to {@code to}, read until at least {@code atLeast} came (or {@code wait} passed). */
    public static List<SendMessage> commandsTo(String account, String to, int atLeast, Duration wait) {
        String key = Keys.accountAndPhone(account, to);
        return TopicProbe.readUntil(Topics.SMS_COMMANDS,
                        rs -> rs.stream().filter(r -> key.equals(r.key())).count() >= atLeast, wait, Duration.ofMillis(500))
                .stream()
                .filter(r -> key.equals(r.key()))
                .map(r -> EventJson.decode(r.value(), SendMessage.class))
                .toList();
    }

    /** Every command of the account. */
    public static List<SendMessage> commandsOf(String account, int atLeast, Duration wait) {
        String prefix = account + "/";
        return TopicProbe.readUntil(Topics.SMS_COMMANDS,
                        rs -> rs.stream().filter(r -> r.key().startsWith(prefix)).count() >= atLeast, wait,
                        Duration.ofMillis(500))
                .stream()
                .filter(r -> r.key().startsWith(prefix))
                .map(r -> EventJson.decode(r.value(), SendMessage.class))
                .toList();
    }

    /** The call's journey once it has been handled. */
    public static JsonPath journey(String account, String callSid) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> TestTokens.as(account)
                        .get("/api/accounts/" + account + "/calls/" + callSid + "/journey").then().extract(),
                r -> r.statusCode() == 200).jsonPath();
    }

    /** Waits until the journey holds an entry of {@code kind}; returns it. */
    public static JsonPath journeyWith(String account, String callSid, String kind) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> journey(account, callSid),
                j -> j.getList("entries.kind").contains(kind));
    }

    /** Enables the ready template (immediate, SMS, default number) and returns the workflow's id. */
    public static String enableTemplate(String account) {
        return enableTemplate(account, Map.of());
    }

    public static String enableTemplate(String account, Map<String, String> options) {
        return TestTokens.as(account).contentType(ContentType.JSON).body(options)
                .post("/api/accounts/" + account + "/workflows/templates/missed-call-text-back")
                .then().statusCode(201).extract().path("id");
    }

    /** Saves a definition and activates it; returns its id. */
    public static String activeWorkflow(String account, String definitionJson) {
        String id = TestTokens.as(account).contentType(ContentType.JSON).body(definitionJson)
                .post("/api/accounts/" + account + "/workflows").then().statusCode(201).extract().path("id");
        TestTokens.as(account).post("/api/accounts/" + account + "/workflows/" + id + "/activate").then().statusCode(200);
        return id;
    }

    /** A contact created through the API, with a first name. */
    public static String contact(String account, String phone, String firstName) {
        return TestTokens.as(account).contentType(ContentType.JSON).body(Map.of("phone", phone, "firstName", firstName))
                .post("/api/accounts/" + account + "/contacts").then().statusCode(201).extract().path("id");
    }

    public static JsonPath contactByPhone(String account, String phone) {
        return TestTokens.as(account).queryParam("phone", phone).get("/api/accounts/" + account + "/contacts")
                .then().statusCode(200).extract().jsonPath();
    }
}

package com.mctb.workflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.mctb.contracts.Keys;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.Channel;
import com.mctb.contracts.event.MessageAccepted;
import com.mctb.contracts.event.MessageCause;
import com.mctb.contracts.event.MessageDelivered;
import com.mctb.contracts.event.MessageRejected;
import com.mctb.contracts.event.MessageSent;
import com.mctb.contracts.event.SendMessage;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestTokens;
import com.mctb.workflow.support.Flows;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The text-back controls as a business owner sets them (when, how often, how, one call one text-back, quiet hours),
 * a call that comes before the Business Profile, and the journey following each text to its end: through Kafka and
 * PostgreSQL, in the app the other flow tests share.
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
class TextBackControlsFlowTest {

    private static final String TEMPLATE = "/workflows/templates/missed-call-text-back";

    /**
     * Only during and only outside business hours, each both ways, across New York's spring DST change: the same UTC
     * time (13:30Z) is 08:30 EST (closed) on Friday 6 March and 09:30 EDT (open) on Monday 9 March 2026.
     */
    @ParameterizedTest(name = "{0}, call at {1}: {2}")
    @CsvSource({
            "during_business_hours,  2026-03-09T13:30:00Z, text-in-hours",
            "during_business_hours,  2026-03-06T13:30:00Z, none",
            "outside_business_hours, 2026-03-06T13:30:00Z, text-after-hours",
            "outside_business_hours, 2026-03-09T13:30:00Z, none"
    })
    void onlyDuringOrOnlyOutsideBusinessHoursAcrossDst(String when, String at, String expected) {
        String account = "when-" + when.substring(0, 3) + "-" + at.substring(8, 10);
        String number = "+1555766" + (when.startsWith("d") ? "1" : "2") + at.substring(8, 10) + "0";
        String caller = "+1555124" + (when.startsWith("d") ? "1" : "2") + at.substring(8, 10) + "0";
        Flows.profile(account, "Glow Aesthetics", "America/New_York", List.of(number),
                Flows.nineToFive("America/New_York"), null);
        Flows.enableTemplate(account, Map.of("when", when));

        CallMissed call = Flows.send(Flows.missed(account, caller, number, Instant.parse(at)));

        if (expected.equals("none")) {
            JsonPath journey = Flows.journeyWith(account, call.callSid(), "hours_not_matched");
            assertThat(journey.getBoolean("texted")).isFalse();
            assertThat(journey.getString("answer")).contains(when.startsWith("d")
                    ? "the call came outside business hours (closed at Fri 2026-03-06 08:30 America/New_York), and "
                            + "this workflow texts only during them"
                    : "the call came inside business hours (open at Mon 2026-03-09 09:30 America/New_York), and this "
                            + "workflow texts only outside them");
            assertThat(Flows.commandsTo(account, caller, 1, Duration.ofSeconds(2))).isEmpty();
        } else {
            assertThat(Flows.commandsTo(account, caller, 1, Duration.ofSeconds(20))).singleElement()
                    .satisfies(text -> assertThat(text.commandId()).endsWith("/" + expected));
        }
    }

    /**
     * "At most once per N" with N = 1 hour: texted, not texted 30 minutes later (tagged 2nd call), texted again two
     * hours after the first (tagged 1st call again, 2nd call gone).
     */
    @Test
    void aCallerIsTextedThenNotWithinTheWindowThenAgainAfterIt() {
        Flows.profile("repeat-a", "Glow Aesthetics", "+15557662001");
        Flows.enableTemplate("repeat-a", Map.of("repeatWindow", "1h"));
        String caller = "+15551242001";
        Instant first = Instant.now().minus(Duration.ofHours(3));

        CallMissed one = Flows.send(Flows.missed("repeat-a", caller, "+15557662001", first));
        CallMissed two = Flows.send(Flows.missed("repeat-a", caller, "+15557662001", first.plus(Duration.ofMinutes(30))));
        assertThat(Flows.journeyWith("repeat-a", two.callSid(), "run_finished").getString("answer"))
                .startsWith("Not texted: texted 30 minutes ago by 'Missed Call Text Back' (call " + one.callSid() + ")")
                .contains("within the repeat window of 1 hour");
        assertThat(Flows.contactByPhone("repeat-a", caller).getList("[0].tags")).containsExactly("1st call", "2nd call");

        CallMissed three = Flows.send(Flows.missed("repeat-a", caller, "+15557662001", first.plus(Duration.ofHours(2))));

        List<SendMessage> texts = Flows.commandsTo("repeat-a", caller, 2, Duration.ofSeconds(20));
        assertThat(texts).extracting(SendMessage::callSid).containsExactly(one.callSid(), three.callSid());
        assertThat(Flows.journeyWith("repeat-a", three.callSid(), "run_finished").getList("entries.kind"))
                .contains("not_texted_recently", "tag_removed", "command_sent");
        assertThat(Flows.contactByPhone("repeat-a", caller).getList("[0].tags")).containsExactly("1st call");
    }

    /**
     * Calls from one caller can reach this service out of the order they happened in (the gateway writes a missed call
     * through its outbox, or through its disk spool when the database is slow, and the two do not keep order): a redial
     * handled before the call it followed still gives the caller one text. The window holds on both sides of a call.
     * (`./mctb bench` at 500 calls/s saw 15 to 89 such callers texted twice before this.)
     */
    @Test
    void aRedialHandledBeforeTheCallItFollowedStillGivesTheCallerOneText() {
        Flows.profile("repeat-c", "Glow Aesthetics", "+15557662003");
        Flows.enableTemplate("repeat-c", Map.of("repeatWindow", "1h"));
        String caller = "+15551242003";
        Instant first = Instant.now().minus(Duration.ofHours(3));

        CallMissed redial = Flows.send(Flows.missed("repeat-c", caller, "+15557662003", first.plus(Duration.ofMinutes(5))));
        Flows.commandsTo("repeat-c", caller, 1, Duration.ofSeconds(20));
        CallMissed call = Flows.send(Flows.missed("repeat-c", caller, "+15557662003", first));

        assertThat(Flows.journeyWith("repeat-c", call.callSid(), "run_finished").getString("answer"))
                .startsWith("Not texted: texted for a call 5 minutes after this one by 'Missed Call Text Back' (call "
                        + redial.callSid() + ")")
                .contains("within the repeat window of 1 hour");
        // Waits the 5 s out unless a second text comes: then it is seen here.
        assertThat(Flows.commandsTo("repeat-c", caller, 2, Duration.ofSeconds(5))).extracting(SendMessage::callSid)
                .containsExactly(redial.callSid());
    }

    /**
     * A text messaging-service refused does not count: the caller's next call within the window is texted. The
     * journey shows the refused text's outcome with its reason and time, and another text's way to delivered.
     */
    @Test
    void aRefusedTextDoesNotCountAndTheJourneyShowsDeliveredAndRejectedOutcomes() {
        Flows.profile("repeat-b", "Glow Aesthetics", "+15557662002");
        Flows.enableTemplate("repeat-b");
        String caller = "+15551242002";
        Instant first = Instant.now().minus(Duration.ofMinutes(30));
        CallMissed one = Flows.send(Flows.missed("repeat-b", caller, "+15557662002", first));
        SendMessage refused = Flows.commandsTo("repeat-b", caller, 1, Duration.ofSeconds(20)).get(0);
        Instant rejectedAt = Instant.now().minusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        Flows.sendEvent(Topics.SMS_EVENTS, Keys.accountAndPhone("repeat-b", caller), new MessageRejected(
                refused.commandId(), "repeat-b", caller, MessageRejected.Reason.LIMIT,
                "the account's monthly limit of 500 texts is reached", rejectedAt));
        JsonPath rejected = Flows.journeyWith("repeat-b", one.callSid(), "text_rejected");
        assertThat(rejected.getBoolean("texted")).isFalse();
        assertThat(rejected.getString("texts[0].status")).isEqualTo("rejected");
        assertThat(rejected.getString("texts[0].rejectReason")).isEqualTo("LIMIT");
        assertThat(Instant.parse(rejected.getString("texts[0].rejectedAt"))).isEqualTo(rejectedAt);
        assertThat(rejected.getString("answer")).startsWith("Not texted: 'Missed Call Text Back' step text-in-hours")
                .contains("rejected by messaging-service (LIMIT)");

        CallMissed two = Flows.send(Flows.missed("repeat-b", caller, "+15557662002", first.plus(Duration.ofMinutes(10))));

        List<SendMessage> texts = Flows.commandsTo("repeat-b", caller, 2, Duration.ofSeconds(20));
        assertThat(texts).extracting(SendMessage::callSid).containsExactly(one.callSid(), two.callSid());
        SendMessage second = texts.get(1);
        Instant accepted = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        String sid = "SM" + "7".repeat(32);
        String key = Keys.accountAndPhone("repeat-b", caller);
        Flows.sendEvent(Topics.SMS_EVENTS, key, new MessageAccepted(second.commandId(), "repeat-b", sid, Channel.SMS,
                second.from(), caller, 1, MessageCause.WORKFLOW, two.callSid(), null, accepted));
        Flows.sendEvent(Topics.SMS_EVENTS, key, new MessageSent(second.commandId(), "repeat-b", sid, caller,
                accepted.plusMillis(300)));
        Flows.sendEvent(Topics.SMS_EVENTS, key, new MessageDelivered(second.commandId(), "repeat-b", sid, caller,
                accepted.plusMillis(600)));
        // A repeated outcome changes nothing.
        Flows.sendEvent(Topics.SMS_EVENTS, key, new MessageDelivered(second.commandId(), "repeat-b", sid, caller,
                accepted.plusSeconds(60)));

        JsonPath delivered = Flows.journeyWith("repeat-b", two.callSid(), "text_delivered");
        assertThat(delivered.getList("entries.kind")).containsSubsequence("not_texted_recently", "command_sent",
                "text_accepted", "text_sent", "text_delivered");
        assertThat(delivered.getString("texts[0].status")).isEqualTo("delivered");
        assertThat(delivered.getString("texts[0].messageSid")).isEqualTo(sid);
        assertThat(Instant.parse(delivered.getString("texts[0].acceptedAt"))).isEqualTo(accepted);
        assertThat(Instant.parse(delivered.getString("texts[0].deliveredAt"))).isEqualTo(accepted.plusMillis(600));
        assertThat(delivered.getBoolean("texted")).isTrue();
        assertThat(delivered.getString("answer")).startsWith("Texted: ").contains(": delivered at ");
    }

    @Test
    void smsAndWhatsAppBothAreSent() {
        Flows.profile("how-both", "Glow Aesthetics", "+15557662003");
        Flows.enableTemplate("how-both", Map.of("channel", "BOTH"));

        CallMissed call = Flows.send(Flows.missed("how-both", "+15551242003", "+15557662003", Instant.now()));

        List<SendMessage> texts = Flows.commandsTo("how-both", "+15551242003", 2, Duration.ofSeconds(20));
        assertThat(texts).extracting(SendMessage::channel).containsExactly(Channel.SMS, Channel.WHATSAPP);
        assertThat(texts).extracting(SendMessage::commandId).allSatisfy(id -> assertThat(id).contains("/text-in-hours"));
        assertThat(texts.get(1).mayFallBackToSms()).as("the SMS goes anyway").isFalse();
        assertThat(texts).extracting(SendMessage::body).containsOnly(
                "Hi there, sorry we missed your call at Glow Aesthetics. How can we help?");
        assertThat(Flows.journey("how-both", call.callSid()).getList("texts.channel")).containsExactly("SMS", "WHATSAPP");
    }

    /**
     * Two active workflows that would both text: the first-activated one texts, the other says why it did not, and
     * activating it warned. A third that texts alongside others texts too.
     */
    @Test
    void twoOverlappingWorkflowsGiveOneTextAndActivatingTheSecondWarns() {
        Flows.profile("overlap", "Glow Aesthetics", "+15557662004");
        Flows.enableTemplate("overlap");
        String second = TestTokens.as("overlap").contentType(ContentType.JSON).body("""
                        {"name": "Also text", "steps": [{"id": "hello", "type": "send_sms", "body": "Hello from us"}]}""")
                .post("/api/accounts/overlap/workflows").then().statusCode(201).extract().path("id");
        TestTokens.as("overlap").post("/api/accounts/overlap/workflows/" + second + "/activate").then().statusCode(200)
                .body("warnings", hasSize(1))
                .body("warnings[0].kind", equalTo("overlap"))
                .body("warnings[0].workflowName", equalTo("Missed Call Text Back"))
                .body("warnings[0].message", containsString("only 'Missed Call Text Back' (activated first) texts"));

        CallMissed call = Flows.send(Flows.missed("overlap", "+15551242004", "+15557662004", Instant.now()));

        JsonPath journey = Flows.journeyWith("overlap", call.callSid(), "another_workflow_texts");
        assertThat(Flows.commandsTo("overlap", "+15551242004", 1, Duration.ofSeconds(3))).singleElement()
                .satisfies(text -> assertThat(text.commandId()).endsWith("/text-in-hours"));
        assertThat(journey.getList("entries.detail", String.class)).anySatisfy(d -> assertThat(d)
                .startsWith("not sent: 'Missed Call Text Back' texts this call"));

        Flows.activeWorkflow("overlap", """
                {"name": "WhatsApp too", "textAlongside": true,
                 "steps": [{"id": "wa", "type": "send_whatsapp", "body": "Also on WhatsApp"}]}""");
        Flows.send(Flows.missed("overlap", "+15551242014", "+15557662004", Instant.now()));
        assertThat(Flows.commandsTo("overlap", "+15551242014", 2, Duration.ofSeconds(20)))
                .extracting(SendMessage::body).containsExactlyInAnyOrder(
                        "Hi there, sorry we missed your call at Glow Aesthetics. How can we help?", "Also on WhatsApp");
    }

    /**
     * A 22:30 call is texted at 08:00 on the business's wall clock and not before (quiet hours are on by default).
     * The business's zone is chosen so that its 08:00 comes a few seconds from now.
     */
    @Test
    void aCallAtHalfPastTenAtNightIsTextedAtEightInTheMorningAndNotBefore() {
        Instant eight = Instant.now().plusSeconds(6).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        int offset = Math.floorMod(LocalTime.of(8, 0).toSecondOfDay() - eight.atOffset(ZoneOffset.UTC).toLocalTime()
                .toSecondOfDay() + 12 * 3600, 24 * 3600) - 12 * 3600;
        String zone = ZoneOffset.ofTotalSeconds(offset).getId();
        Flows.profile("quiet-a", "Glow Aesthetics", zone, List.of("+15557662005"), null, null);
        Flows.enableTemplate("quiet-a");
        Instant halfPastTen = eight.minus(Duration.ofMinutes(9 * 60 + 30));

        CallMissed call = Flows.send(Flows.missed("quiet-a", "+15551242005", "+15557662005", halfPastTen));

        JsonPath waiting = Flows.journeyWith("quiet-a", call.callSid(), "quiet_hours");
        assertThat(waiting.getString("answer")).startsWith("Not texted yet: 'Missed Call Text Back' waits until "
                + eight);
        assertThat(waiting.getList("entries.detail", String.class)).anySatisfy(d -> assertThat(d)
                .contains("quiet hours (21:00–08:00 in the business's time zone").contains("22:30")
                .endsWith("the text waits until " + eight.atOffset(ZoneOffset.ofTotalSeconds(offset))
                        .format(java.time.format.DateTimeFormatter.ofPattern("EEE yyyy-MM-dd", java.util.Locale.ROOT))
                        + " 08:00 " + zone));
        assertThat(Flows.commandsTo("quiet-a", "+15551242005", 1, Duration.ofMillis(
                Math.max(0, Duration.between(Instant.now(), eight).toMillis() - 500)))).as("nothing before 08:00").isEmpty();
        SendMessage text = Flows.commandsTo("quiet-a", "+15551242005", 1, Duration.ofSeconds(20)).get(0);
        assertThat(text.requestedAt()).isAfterOrEqualTo(eight);
        assertThat(Flows.journeyWith("quiet-a", call.callSid(), "command_sent").getList("entries.kind"))
                .containsSubsequence("quiet_hours", "waiting", "resumed", "command_sent");
    }

    @Test
    void quietHoursSwitchedOffWarnAndANightCallIsTextedAtOnce() {
        Flows.profile("quiet-b", "Glow Aesthetics", "America/New_York", List.of("+15557662006"), null, null);
        TestTokens.as("quiet-b").get("/api/accounts/quiet-b/quiet-hours").then().statusCode(200)
                .body("enabled", equalTo(true)).body("start", equalTo("21:00")).body("end", equalTo("08:00"))
                .body("set", equalTo(false)).body("warnings", hasSize(0));
        TestTokens.as("quiet-b").contentType(ContentType.JSON).body(Map.of("enabled", false))
                .put("/api/accounts/quiet-b/quiet-hours").then().statusCode(200)
                .body("enabled", equalTo(false)).body("warnings[0]", containsString("TCPA"));
        TestTokens.as("quiet-b").contentType(ContentType.JSON).body(Map.of("enabled", true, "start", "25:00"))
                .put("/api/accounts/quiet-b/quiet-hours").then().statusCode(400)
                .body("errors[0].field", equalTo("start"));
        Flows.enableTemplate("quiet-b");

        // Sunday 8 March 2026 03:30 UTC is Saturday 22:30 in New York.
        Flows.send(Flows.missed("quiet-b", "+15551242006", "+15557662006", Instant.parse("2026-03-08T03:30:00Z")));

        assertThat(Flows.commandsTo("quiet-b", "+15551242006", 1, Duration.ofSeconds(20))).hasSize(1);
    }

    /**
     * The call comes before the account's Business Profile has reached workflow-service: it waits, and once the
     * profile arrives it is texted with the business's name, never with a blank.
     */
    @Test
    void aCallBeforeTheBusinessProfileIsTextedWithTheNameOnceItArrives() {
        Flows.enableTemplate("early");
        CallMissed call = Flows.send(Flows.missed("early", "+15551242007", "+15557662007", Instant.now()));
        assertThat(Flows.journeyWith("early", call.callSid(), "awaiting_business_profile").getString("answer"))
                .startsWith("Not texted yet: the call waits until");
        assertThat(Flows.commandsTo("early", "+15551242007", 1, Duration.ofSeconds(1))).isEmpty();

        Flows.profile("early", "Glow Aesthetics", "+15557662007");

        assertThat(Flows.commandsTo("early", "+15551242007", 1, Duration.ofSeconds(20))).singleElement()
                .extracting(SendMessage::body)
                .isEqualTo("Hi there, sorry we missed your call at Glow Aesthetics. How can we help?");
        assertThat(Flows.journeyWith("early", call.callSid(), "command_sent").getList("entries.kind"))
                .containsSubsequence("awaiting_business_profile", "business_profile_arrived", "workflow_entered",
                        "command_sent");
    }

    /** A profile that never comes: the wait is bounded (PT6S in tests), and the call is recorded as failed, with why. */
    @Test
    void aBusinessProfileThatNeverArrivesFailsTheCallWithTheReason() {
        Flows.enableTemplate("never");
        CallMissed call = Flows.send(Flows.missed("never", "+15551242008", "+15557662008", Instant.now()));

        JsonPath journey = await().atMost(Duration.ofSeconds(30)).until(() -> Flows.journey("never", call.callSid()),
                j -> j.getList("entries.kind").contains("business_profile_missing"));
        assertThat(journey.getList("workflows.outcome")).containsExactly("failed");
        assertThat(journey.getString("answer")).contains("did not reach workflow-service");
        assertThat(Flows.commandsTo("never", "+15551242008", 1, Duration.ofSeconds(1))).isEmpty();
    }
}

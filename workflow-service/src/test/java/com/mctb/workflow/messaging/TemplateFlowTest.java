package com.mctb.workflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import com.mctb.contracts.event.BusinessProfileChanged;
import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.Channel;
import com.mctb.contracts.event.MessageCause;
import com.mctb.contracts.event.SendMessage;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestTokens;
import com.mctb.workflow.support.Flows;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ready "Missed Call Text Back" workflow, end to end through Kafka and the database. */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
class TemplateFlowTest {

    private static final String TEMPLATE = "/workflows/templates/missed-call-text-back";

    @Test
    void enablingTheTemplateIsOneCallAndItsFirstTextIsTheSeedsText() {
        Flows.profile("tpl-a", "Glow Aesthetics", "+15557654321");
        Flows.contact("tpl-a", "+15551230001", "Dana");

        TestTokens.as("tpl-a").contentType(ContentType.JSON).post("/api/accounts/tpl-a" + TEMPLATE)
                .then().statusCode(201)
                .body("name", equalTo("Missed Call Text Back"))
                .body("active", equalTo(true))
                .body("version", equalTo(1))
                .body("template", equalTo("missed-call-text-back"))
                .body("definition.allowReEntry", equalTo(false))
                .body("definition.endOnReply", equalTo(true));
        TestTokens.as("tpl-a").get("/api/accounts/tpl-a/workflows/missed-call/active").then().statusCode(200)
                .body("active", equalTo(true))
                .body("workflows", hasSize(1))
                .body("workflows[0].name", equalTo("Missed Call Text Back"))
                .body("workflows[0].version", equalTo(1));

        Flows.send(Flows.missed("tpl-a", "+15551230001", "+15557654321", Instant.now()));

        assertThat(Flows.commandsTo("tpl-a", "+15551230001", 1, Duration.ofSeconds(20))).singleElement()
                .extracting(SendMessage::body)
                .isEqualTo("Hi Dana, sorry we missed your call at Glow Aesthetics. How can we help?");
    }

    @jakarta.inject.Inject
    com.mctb.workflow.service.WorkflowService workflows;

    /**
     * A template workflow enabled before the repeat window (stored as it was then) gets the template as it is now as
     * its next version, its edited texts kept; a second start changes nothing.
     */
    @Test
    void aTemplateWorkflowStoredBeforeTheRepeatWindowIsUpgradedAtStart() {
        Flows.profile("tpl-old", "Glow Aesthetics", "+15557654321");
        String id = TestTokens.as("tpl-old").contentType(ContentType.JSON)
                .body(com.mctb.workflow.domain.JsonTestSupport.OLD_TEMPLATE)
                .post("/api/accounts/tpl-old/workflows").then().statusCode(201).extract().path("id");
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() ->
                com.mctb.workflow.persistence.Workflow.getEntityManager().createNativeQuery("update workflow set "
                                + "template = 'missed-call-text-back', template_variant = 'wait-20-minutes/WHATSAPP/+15557654321', "
                                + "active = true where id = ?1")
                        .setParameter(1, java.util.UUID.fromString(id)).executeUpdate());

        assertThat(workflows.upgradeTemplateWorkflows()).isPositive();
        assertThat(workflows.upgradeTemplateWorkflows()).as("idempotent").isZero();

        JsonPath upgraded = TestTokens.as("tpl-old").get("/api/accounts/tpl-old/workflows/" + id).then().statusCode(200)
                .extract().jsonPath();
        assertThat(upgraded.getInt("version")).isEqualTo(2);
        assertThat(upgraded.getString("definition.repeatWindow")).isEqualTo("PT24H");
        assertThat(upgraded.getString("definition.steps[1].condition.type")).isEqualTo("within_repeat_window");
        assertThat(upgraded.getString("definition.steps[1].else[2].then[0].body"))
                .isEqualTo("Hi {{contact.first_name | default: 'friend'}}, we'll call you back!");
        TestTokens.as("tpl-old").get("/api/accounts/tpl-old/workflows/" + id + "/versions/1").then().statusCode(200)
                .body("definition.steps[1].condition.type", equalTo("lacks_tag"));
    }

    @Test
    void enablingItAgainAnswersTheSameWorkflowAndAnotherVariantIsAConflict() {
        Flows.profile("tpl-b", "Glow Aesthetics", "+15557654322");
        String id = Flows.enableTemplate("tpl-b");

        TestTokens.as("tpl-b").contentType(ContentType.JSON).body(Map.of("variant", "immediate"))
                .post("/api/accounts/tpl-b" + TEMPLATE).then().statusCode(200).body("id", equalTo(id));
        TestTokens.as("tpl-b").contentType(ContentType.JSON).body(Map.of("variant", "wait-20-minutes"))
                .post("/api/accounts/tpl-b" + TEMPLATE).then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("already enabled as workflow " + id));
        TestTokens.as("tpl-b").get("/api/accounts/tpl-b/workflows").then().body("", hasSize(1));
    }

    @Test
    void badTemplateOptionsAreA400NamingTheField() {
        Flows.profile("tpl-c", "Glow Aesthetics", "+15557654323");

        TestTokens.as("tpl-c").contentType(ContentType.JSON).body(Map.of("variant", "tomorrow"))
                .post("/api/accounts/tpl-c" + TEMPLATE).then().statusCode(400).body("errors.field", hasItem("variant"));
        TestTokens.as("tpl-c").contentType(ContentType.JSON).body(Map.of("channel", "pigeon"))
                .post("/api/accounts/tpl-c" + TEMPLATE).then().statusCode(400).body("errors.field", hasItem("channel"));
        TestTokens.as("tpl-c").contentType(ContentType.JSON).body(Map.of("from", "+15559999999"))
                .post("/api/accounts/tpl-c" + TEMPLATE).then().statusCode(400)
                .body("errors[0].field", equalTo("from"))
                .body("errors[0].message", containsString("is not one of the account's numbers (+15557654323)"));
        TestTokens.as("tpl-c").contentType(ContentType.JSON).body(Map.of("from", "call me"))
                .post("/api/accounts/tpl-c" + TEMPLATE).then().statusCode(400).body("errors.field", hasItem("from"));
        TestTokens.as("tpl-c").get("/api/accounts/tpl-c/workflows/missed-call/active").then()
                .body("active", equalTo(false)).body("workflows", hasSize(0));
        RestAssured.given().post("/api/accounts/tpl-c" + TEMPLATE).then().statusCode(401);
        TestTokens.as("someone-else").post("/api/accounts/tpl-c" + TEMPLATE).then().statusCode(403);
    }

    @Test
    void threeRedialsInFiveMinutesGetOneText() {
        Flows.profile("tpl-redial", "Glow Aesthetics", "+15557654324");
        Flows.enableTemplate("tpl-redial");
        Instant first = Instant.now();

        CallMissed one = Flows.send(Flows.missed("tpl-redial", "+15551230010", "+15557654324", first));
        CallMissed two = Flows.send(Flows.missed("tpl-redial", "+15551230010", "+15557654324", first.plusSeconds(90)));
        CallMissed three = Flows.send(Flows.missed("tpl-redial", "+15551230010", "+15557654324", first.plusSeconds(290)));

        // The caller's calls are handled in order (one key, one partition): once the third is done, all are.
        assertThat(Flows.journeyWith("tpl-redial", three.callSid(), "run_finished").getString("answer"))
                .isEqualTo("Not texted: texted 4 minutes 50 seconds ago by 'Missed Call Text Back' (call "
                        + one.callSid() + "), within the repeat window of 1 day");
        List<SendMessage> texts = Flows.commandsTo("tpl-redial", "+15551230010", 1, Duration.ofSeconds(10));
        assertThat(texts).singleElement().extracting(SendMessage::callSid).isEqualTo(one.callSid());
        assertThat(Flows.journey("tpl-redial", two.callSid()).getList("entries.kind"))
                .containsExactly("workflow_entered", "texted_recently", "tag_added", "run_finished");
        assertThat(Flows.contactByPhone("tpl-redial", "+15551230010").getList("[0].tags"))
                .containsExactly("1st call", "2nd call");
        assertThat(Flows.contactByPhone("tpl-redial", "+15551230010").getInt("[0].callCount")).isEqualTo(3);
    }

    /** The 20-minute variant: the first call waits (the calls are 20 minutes old), redials meanwhile do not re-enter. */
    @Test
    void threeRedialsInFiveMinutesGetOneTextWithTheTwentyMinuteWaitToo() {
        Flows.profile("tpl-wait", "Glow Aesthetics", "+15557654325");
        Flows.enableTemplate("tpl-wait", Map.of("variant", "wait-20-minutes"));
        // The first call was 20 minutes ago, less 4 seconds: its wait ends in 4 s, after the redials are handled.
        Instant first = Instant.now().minus(Duration.ofMinutes(20)).plusSeconds(4);

        CallMissed one = Flows.send(Flows.missed("tpl-wait", "+15551230011", "+15557654325", first));
        CallMissed two = Flows.send(Flows.missed("tpl-wait", "+15551230011", "+15557654325", first.plusSeconds(60)));
        CallMissed three = Flows.send(Flows.missed("tpl-wait", "+15551230011", "+15557654325", first.plusSeconds(240)));

        assertThat(Flows.journeyWith("tpl-wait", three.callSid(), "re_entry_blocked").getString("answer"))
                .contains("already inside this workflow");
        assertThat(Flows.journey("tpl-wait", two.callSid()).getList("entries.kind")).containsExactly("re_entry_blocked");
        JsonPath journey = Flows.journeyWith("tpl-wait", one.callSid(), "run_finished");
        assertThat(journey.getList("entries.kind")).containsSubsequence("workflow_entered", "waiting", "resumed",
                "not_texted_recently", "command_sent", "run_finished");
        List<SendMessage> texts = Flows.commandsTo("tpl-wait", "+15551230011", 1, Duration.ofSeconds(10));
        assertThat(texts).singleElement().satisfies(text -> {
            assertThat(text.callSid()).isEqualTo(one.callSid());
            assertThat(text.commandId()).endsWith("/text-in-hours");
            assertThat(text.missedAt()).as("a text after a wait does not start speed-to-lead").isNull();
        });
    }

    /**
     * The same template in two time zones, on both sides of each zone's spring DST change, at the same UTC time of
     * day: the in-hours text while the business's wall clock says 09:30, the after-hours text at 08:30.
     */
    @ParameterizedTest(name = "{0}: call at {1} -> {2}")
    @CsvSource({
            "America/New_York, 2026-03-06T13:30:00Z, text-after-hours",
            "America/New_York, 2026-03-09T13:30:00Z, text-in-hours",
            "Europe/London, 2026-03-27T08:30:00Z, text-after-hours",
            "Europe/London, 2026-03-30T08:30:00Z, text-in-hours"
    })
    void inHoursAndAfterHoursTextsInTwoTimeZonesAcrossDst(String zone, String at, String step) {
        String account = "tpl-dst-" + zone.substring(0, zone.indexOf('/')).toLowerCase() + "-" + at.substring(8, 10);
        String number = "+1555765" + (zone.startsWith("America") ? "1" : "2") + at.substring(8, 10) + "0";
        Flows.profile(account, "Glow Aesthetics", zone, List.of(number), Flows.nineToFive(zone), null);
        Flows.enableTemplate(account);
        String caller = "+1555123" + at.substring(8, 10) + (zone.startsWith("America") ? "11" : "22");

        CallMissed call = Flows.send(Flows.missed(account, caller, number, Instant.parse(at)));

        assertThat(Flows.commandsTo(account, caller, 1, Duration.ofSeconds(20))).singleElement()
                .satisfies(text -> assertThat(text.commandId()).endsWith("/" + step));
        String decision = step.equals("text-in-hours") ? "within_hours" : "outside_hours";
        JsonPath journey = Flows.journey(account, call.callSid());
        assertThat(journey.getList("entries.kind")).contains(decision);
        assertThat(journey.getList("entries.detail", String.class)).anySatisfy(d ->
                assertThat(d).contains(step.equals("text-in-hours") ? "09:30 " + zone : "08:30 " + zone));
    }

    @Test
    void theLegacyToggleTextsEveryMissedCallWithNoFiltersAndBlocksActivation() {
        String number = "+15557654326";
        Flows.profile("tpl-legacy", "Glow Aesthetics", "America/New_York", List.of(number), Flows.nineToFive("America/New_York"),
                new BusinessProfileChanged.LegacyTextBack(true, "Sorry we missed you, {{contact.first_name | default: \"friend\"}}! - {{business.name}}"));

        TestTokens.as("tpl-legacy").contentType(ContentType.JSON).post("/api/accounts/tpl-legacy" + TEMPLATE)
                .then().statusCode(409).body("detail", containsString("legacy Missed Call Text Back toggle"));
        String id = TestTokens.as("tpl-legacy").contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"steps\": [{\"type\": \"send_sms\", \"body\": \"hi\"}]}")
                .post("/api/accounts/tpl-legacy/workflows").then().statusCode(201).extract().path("id");
        TestTokens.as("tpl-legacy").post("/api/accounts/tpl-legacy/workflows/" + id + "/activate")
                .then().statusCode(409).contentType("application/problem+json");

        // Three calls, one on a Sunday night (closed): the toggle has no hours, no tags, no re-entry; each is texted.
        Instant sundayNight = Instant.parse("2026-03-08T03:00:00Z");
        List<CallMissed> calls = List.of(
                Flows.send(Flows.missed("tpl-legacy", "+15551230020", number, sundayNight)),
                Flows.send(Flows.missed("tpl-legacy", "+15551230020", number, sundayNight.plusSeconds(30))),
                Flows.send(Flows.missed("tpl-legacy", "+15551230020", number, Instant.now())));

        List<SendMessage> texts = Flows.commandsTo("tpl-legacy", "+15551230020", 3, Duration.ofSeconds(20));
        assertThat(texts).hasSize(3).allSatisfy(text -> {
            assertThat(text.cause()).isEqualTo(MessageCause.LEGACY_TOGGLE);
            assertThat(text.body()).isEqualTo("Sorry we missed you, friend! - Glow Aesthetics");
            assertThat(text.from()).isEqualTo(number);
            assertThat(text.channel()).isEqualTo(Channel.SMS);
        });
        assertThat(texts).extracting(SendMessage::callSid).containsExactlyElementsOf(calls.stream().map(CallMissed::callSid).toList());
        JsonPath journey = Flows.journey("tpl-legacy", calls.get(0).callSid());
        assertThat(journey.getList("entries.kind")).containsExactly("legacy_toggle", "command_sent");
        assertThat(journey.getString("answer")).startsWith("Texted: the legacy toggle");
        assertThat(Flows.contactByPhone("tpl-legacy", "+15551230020").getList("[0].tags")).isEmpty();
    }

    @Test
    void runsDecisionsAndCommandsAreCountedInMetricsWithoutHighCardinalityLabels() {
        Flows.profile("tpl-metrics", "Glow Aesthetics", "+15557654327");
        Flows.enableTemplate("tpl-metrics");
        Flows.send(Flows.missed("tpl-metrics", "+15551230030", "+15557654327", Instant.now()));
        Flows.commandsTo("tpl-metrics", "+15551230030", 1, Duration.ofSeconds(20));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).contains("mctb_workflow_runs_started_total", "mctb_workflow_runs_finished_total{outcome=\"texted\"",
                    "mctb_workflow_decisions_total{kind=\"not_texted_recently\"", "mctb_workflow_commands_published_total{cause=\"workflow\",channel=\"sms\"",
                    "mctb_workflow_waits_pending", "mctb_workflow_timers_overdue");
            assertThat(metrics.lines().filter(l -> l.startsWith("mctb_workflow"))).noneMatch(l -> l.contains("+1555")
                    || l.contains("CA") || l.contains("tpl-metrics"));
        });
    }
}

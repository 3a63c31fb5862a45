package com.mctb.workflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mctb.contracts.Keys;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.Channel;
import com.mctb.contracts.event.InboundMessage;
import com.mctb.contracts.event.MessageAccepted;
import com.mctb.contracts.event.MessageCause;
import com.mctb.contracts.event.OptedOut;
import com.mctb.contracts.event.SendMessage;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TopicProbe;
import com.mctb.workflow.support.Flows;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replies and opt-outs (sms.events) end waiting runs of the workflows that say so, and opted-out callers get no text. */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
class SmsEventsFlowTest {

    @Test
    void aReplyByTextEndsTheWaitingRunOfTheTemplate() {
        Flows.profile("sms-a", "Reply Spa", "+15557659201");
        Flows.enableTemplate("sms-a", Map.of("variant", "wait-20-minutes"));
        CallMissed call = Flows.send(Flows.missed("sms-a", "+15551239201", "+15557659201", Instant.now()));
        Flows.journeyWith("sms-a", call.callSid(), "waiting");

        Flows.sendEvent(Topics.SMS_EVENTS, Keys.accountAndPhone("sms-a", "+15551239201"), new InboundMessage("sms-a",
                "SM" + "1".repeat(32), Channel.SMS, "+15551239201", "+15557659201", "Call me back please", Instant.now()));

        JsonPath journey = Flows.journeyWith("sms-a", call.callSid(), "ended_by_reply");
        assertThat(journey.getList("workflows.status")).containsExactly("finished");
        assertThat(journey.getList("workflows.outcome")).containsExactly("ended_by_reply");
        assertThat(journey.getString("answer")).contains("the contact replied by text");
        assertThat(journey.getBoolean("texted")).isFalse();
    }

    @Test
    void aReplyLeavesTheRunsOfAWorkflowThatDoesNotEndOnReply() {
        Flows.profile("sms-b", "Stubborn", "+15557659202");
        Flows.activeWorkflow("sms-b", """
                {"name": "Keep going", "endOnReply": false,
                 "steps": [{"id": "w", "type": "wait", "duration": "3s"}, {"id": "text", "type": "send_sms", "body": "Hi"}]}""");
        CallMissed call = Flows.send(Flows.missed("sms-b", "+15551239202", "+15557659202", Instant.now()));
        Flows.journeyWith("sms-b", call.callSid(), "waiting");

        Flows.sendEvent(Topics.SMS_EVENTS, Keys.accountAndPhone("sms-b", "+15551239202"), new InboundMessage("sms-b",
                "SM" + "2".repeat(32), Channel.SMS, "+15551239202", "+15557659202", "hello?", Instant.now()));

        assertThat(Flows.commandsTo("sms-b", "+15551239202", 1, Duration.ofSeconds(20))).hasSize(1);
        assertThat(Flows.journey("sms-b", call.callSid()).getList("entries.kind")).doesNotContain("ended_by_reply");
    }

    @Test
    void anOptOutEndsTheWaitingRunAndLaterCallsAreNotTextedUntilTheContactOptsBackIn() {
        Flows.profile("sms-c", "Opt Clinic", "+15557659203");
        Flows.activeWorkflow("sms-c", """
                {"name": "Soon", "endOnReply": true,
                 "steps": [{"id": "w", "type": "wait", "duration": "2s"}, {"id": "text", "type": "send_sms", "body": "Hi"}]}""");
        CallMissed first = Flows.send(Flows.missed("sms-c", "+15551239203", "+15557659203", Instant.now().plusSeconds(5)));
        Flows.journeyWith("sms-c", first.callSid(), "waiting");

        Flows.sendEvent(Topics.SMS_EVENTS, Keys.accountAndPhone("sms-c", "+15551239203"),
                new OptedOut("sms-c", "+15551239203", true, "STOP", "SM" + "3".repeat(32), Instant.now()));

        assertThat(Flows.journeyWith("sms-c", first.callSid(), "ended_by_opt_out").getList("workflows.outcome"))
                .containsExactly("ended_by_opt_out");
        await().atMost(Duration.ofSeconds(10)).until(() -> Flows.contactByPhone("sms-c", "+15551239203").getBoolean("[0].optedOut"));
        CallMissed second = Flows.send(Flows.missed("sms-c", "+15551239203", "+15557659203", Instant.now()));
        JsonPath journey = Flows.journeyWith("sms-c", second.callSid(), "run_finished");
        assertThat(journey.getList("entries.kind")).contains("opted_out");
        assertThat(journey.getString("answer")).isEqualTo("Not texted: the contact opted out of the account's texts: not sent");

        Flows.sendEvent(Topics.SMS_EVENTS, Keys.accountAndPhone("sms-c", "+15551239203"),
                new OptedOut("sms-c", "+15551239203", false, "START", "SM" + "4".repeat(32), Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> !Flows.contactByPhone("sms-c", "+15551239203").getBoolean("[0].optedOut"));
        CallMissed third = Flows.send(Flows.missed("sms-c", "+15551239203", "+15557659203", Instant.now()));
        assertThat(Flows.commandsTo("sms-c", "+15551239203", 1, Duration.ofSeconds(20))).singleElement()
                .extracting(SendMessage::callSid).isEqualTo(third.callSid());
    }

    @Test
    void someoneWhoOptedOutBeforeEverCallingIsNotTextedOnTheirFirstCall() {
        Flows.profile("sms-d", "Early Opt", "+15557659204");
        Flows.enableTemplate("sms-d");
        Flows.sendEvent(Topics.SMS_EVENTS, Keys.accountAndPhone("sms-d", "+15551239204"),
                new OptedOut("sms-d", "+15551239204", true, "STOP", "SM" + "5".repeat(32), Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> !Flows.contactByPhone("sms-d", "+15551239204").getList("").isEmpty());

        CallMissed call = Flows.send(Flows.missed("sms-d", "+15551239204", "+15557659204", Instant.now()));

        JsonPath journey = Flows.journeyWith("sms-d", call.callSid(), "run_finished");
        assertThat(journey.getList("entries.kind")).contains("not_texted_recently", "opted_out");
        assertThat(journey.getBoolean("texted")).isFalse();
        assertThat(Flows.contactByPhone("sms-d", "+15551239204").getList("[0].tags")).containsExactly("1st call");
    }

    @Test
    void deliveryNewsCostsNoWriteAndAPoisonEventGoesToTheDeadLetterTopic() {
        Flows.sendEvent(Topics.SMS_EVENTS, "sms-e/+15551239205", new MessageAccepted("cmd-x", "sms-e", "SM" + "6".repeat(32),
                Channel.SMS, "+15557659205", "+15551239205", 1, MessageCause.WORKFLOW, null, null, Instant.now()));
        TopicProbe.send(Topics.SMS_EVENTS, "sms-e/+15551239205", "{\"type\":\"OptedOut.v1\",\"accountId\":\"sms-e\"}");
        Flows.sendEvent(Topics.SMS_EVENTS, "sms-e/+15551239205",
                new OptedOut("sms-e", "+15551239205", true, "STOP", "SM" + "7".repeat(32), Instant.now()));

        assertThat(TopicProbe.readUntil(Topics.deadLetter(Topics.SMS_EVENTS),
                rs -> rs.stream().anyMatch(r -> r.value().contains("\"sms-e\"")), Duration.ofSeconds(20), Duration.ZERO))
                .anySatisfy(r -> assertThat(r.key()).isEqualTo("sms-e/+15551239205"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !Flows.contactByPhone("sms-e", "+15551239205").getList("").isEmpty());
        assertThat(handled("MessageAccepted/cmd-x")).as("delivery news is not recorded in the inbox").isZero();
        assertThat(handled("OptedOut/SM" + "7".repeat(32))).isEqualTo(1);
    }

    @jakarta.inject.Inject
    jakarta.persistence.EntityManager em;

    private long handled(String eventId) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from processed_event where consumer = 'workflow-service.sms-events' and event_id = ?1")
                .setParameter(1, eventId).getSingleResult()).longValue());
    }
}

package com.mctb.workflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.contracts.Keys;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.DialStatus;
import com.mctb.contracts.event.SendMessage;
import com.mctb.contracts.event.VoicemailRecorded;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.workflow.support.Flows;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The trigger's filters: which number was called, how the call ended, and whether a voicemail was left. */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
class VoicemailFlowTest {

    private static final String LEFT = """
            {"name": "After a voicemail", "trigger": {"type": "missed_call", "voicemail": "left"},
             "steps": [{"id": "text", "type": "send_sms", "body": "Got your voicemail"}]}""";
    private static final String NOT_LEFT = """
            {"name": "No voicemail", "trigger": {"type": "missed_call", "voicemail": "not_left"},
             "steps": [{"id": "text", "type": "send_sms", "body": "You left no message"}]}""";

    @Test
    void aVoicemailAfterTheCallStartsTheRunOfAWorkflowForCallersWhoLeaveOne() {
        Flows.profile("vm-a", "Voicemail Vets", "+15557659301");
        Flows.activeWorkflow("vm-a", LEFT);
        CallMissed call = Flows.send(Flows.missed("vm-a", "+15551239301", "+15557659301", Instant.now()));
        Flows.journeyWith("vm-a", call.callSid(), "awaiting_voicemail");

        voicemail(call);

        assertThat(Flows.commandsTo("vm-a", "+15551239301", 1, Duration.ofSeconds(20))).extracting(SendMessage::body)
                .containsExactly("Got your voicemail");
        JsonPath journey = Flows.journeyWith("vm-a", call.callSid(), "run_finished");
        assertThat(journey.getBoolean("voicemailLeft")).isTrue();
        assertThat(journey.getList("entries.kind")).containsSubsequence("awaiting_voicemail", "voicemail_left",
                "command_sent", "run_finished");
    }

    @Test
    void withoutAVoicemailTheWindowPassesAndNothingIsSent() {
        Flows.profile("vm-b", "Voicemail Vets", "+15557659302");
        Flows.activeWorkflow("vm-b", LEFT);

        CallMissed call = Flows.send(Flows.missed("vm-b", "+15551239302", "+15557659302", Instant.now()));

        JsonPath journey = Flows.journeyWith("vm-b", call.callSid(), "run_finished");
        assertThat(journey.getList("entries.kind")).containsSubsequence("awaiting_voicemail", "no_voicemail", "run_finished");
        assertThat(journey.getList("workflows.outcome")).containsExactly("trigger_not_matched");
        assertThat(Flows.commandsTo("vm-b", "+15551239302", 1, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void aVoicemailThatArrivesBeforeItsCallIsStillCounted() {
        Flows.profile("vm-c", "Voicemail Vets", "+15557659303");
        Flows.activeWorkflow("vm-c", LEFT);
        CallMissed call = Flows.missed("vm-c", "+15551239303", "+15557659303", Instant.now());

        voicemail(call);
        Flows.journey("vm-c", call.callSid());
        Flows.send(call);

        assertThat(Flows.commandsTo("vm-c", "+15551239303", 1, Duration.ofSeconds(20))).hasSize(1);
        assertThat(Flows.journeyWith("vm-c", call.callSid(), "run_finished").getList("entries.kind"))
                .doesNotContain("awaiting_voicemail").contains("voicemail_left");
    }

    @Test
    void aWorkflowForCallersWhoLeaveNoVoicemailTextsOnceTheWindowPasses() {
        Flows.profile("vm-d", "Voicemail Vets", "+15557659304");
        Flows.activeWorkflow("vm-d", NOT_LEFT);
        CallMissed quiet = Flows.send(Flows.missed("vm-d", "+15551239304", "+15557659304", Instant.now()));
        CallMissed talker = Flows.send(Flows.missed("vm-d", "+15551239305", "+15557659304", Instant.now()));
        voicemail(talker);

        assertThat(Flows.commandsTo("vm-d", "+15551239304", 1, Duration.ofSeconds(20))).extracting(SendMessage::body)
                .containsExactly("You left no message");
        assertThat(Flows.journeyWith("vm-d", talker.callSid(), "run_finished").getList("workflows.outcome"))
                .containsExactly("trigger_not_matched");
        assertThat(Flows.journey("vm-d", quiet.callSid()).getList("entries.kind")).contains("no_voicemail", "command_sent");
    }

    @Test
    void numberAndDialStatusFiltersDecideWhichWorkflowsACallEnters() {
        Flows.profile("vm-e", "Two Lines", Flows.MIDDAY_ZONE, java.util.List.of("+15557659305", "+15557659306"), null, null);
        Flows.activeWorkflow("vm-e", """
                {"name": "Line two, busy only", "trigger": {"numbers": ["+15557659306"], "dialStatuses": ["busy"]},
                 "steps": [{"id": "text", "type": "send_sms", "body": "Line two was busy"}]}""");
        CallMissed otherLine = Flows.send(Flows.missed("vm-e", "+15551239306", "+15557659305", Instant.now()));
        CallMissed noAnswer = Flows.send(Flows.missed("vm-e", "+15551239307", "+15557659306", Instant.now()));
        CallMissed busy = Flows.send(new CallMissed(Flows.newCallSid(), "vm-e", "+15551239308", "+15557659306",
                DialStatus.BUSY, 3, false, Instant.now()));

        assertThat(Flows.commandsTo("vm-e", "+15551239308", 1, Duration.ofSeconds(20))).singleElement()
                .satisfies(text -> {
                    assertThat(text.body()).isEqualTo("Line two was busy");
                    assertThat(text.callSid()).isEqualTo(busy.callSid());
                    assertThat(text.from()).as("no from: the account's default number").isEqualTo("+15557659305");
                });
        assertThat(Flows.journey("vm-e", otherLine.callSid()).getString("answer"))
                .contains("the call was to +15557659305, a number this workflow does not listen to");
        assertThat(Flows.journey("vm-e", noAnswer.callSid()).getString("answer"))
                .contains("the call ended 'no-answer', a dial status this workflow ignores");
    }

    private static void voicemail(CallMissed call) {
        Flows.sendEvent(Topics.CALLS_VOICEMAIL, Keys.accountAndPhone(call.accountId(), call.from()), new VoicemailRecorded(
                call.callSid(), call.accountId(), call.from(), call.to(), "RE" + call.callSid().substring(2),
                "https://api.twilio.com/recordings/RE1", 12, Instant.now()));
    }
}

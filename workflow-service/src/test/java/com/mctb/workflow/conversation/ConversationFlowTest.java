package com.mctb.workflow.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mctb.contracts.Keys;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.BusinessProfileChanged;
import com.mctb.contracts.event.CallAnswered;
import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.Channel;
import com.mctb.contracts.event.InboundMessage;
import com.mctb.contracts.event.MessageAccepted;
import com.mctb.contracts.event.MessageCause;
import com.mctb.contracts.event.MessageDelivered;
import com.mctb.contracts.event.MessageFailed;
import com.mctb.contracts.event.MessageSent;
import com.mctb.contracts.event.OptedOut;
import com.mctb.contracts.event.SendMessage;
import com.mctb.contracts.event.VoicemailRecorded;
import com.mctb.contracts.event.VoicemailTranscribed;
import com.mctb.contracts.json.EventJson;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestTokens;
import com.mctb.testkit.TopicProbe;
import com.mctb.workflow.support.Flows;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Contacts' conversations through the real broker and database: what the caller does (calls, voicemails, texts,
 * STOP) lands in their conversation from the topics; the team's answer goes out once per idempotency key through the
 * outbox and its status follows messaging-service's events; the refusals are answered before anything is written;
 * the assigned user is told once per event.
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
class ConversationFlowTest {

    private static final AtomicLong SIDS = new AtomicLong(System.nanoTime());

    @Test
    void aReplyShowsUnreadWithItsBodyAndReadingTheConversationClearsIt() {
        String account = "conv-reply";
        String number = "+15557000001";
        String dana = "+15551000001";
        Flows.profile(account, "Reply Rooms", number);
        String contactId = Flows.contact(account, dana, "Dana");

        inbound(account, dana, number, Channel.SMS, "Is Tuesday at 3 ok?");

        JsonPath list = await().atMost(Duration.ofSeconds(20)).until(() -> conversations(account, false),
                l -> l.getList("conversations").size() == 1 && l.getInt("conversations[0].unread") == 1);
        assertThat(list.getString("conversations[0].contactId")).isEqualTo(contactId);
        assertThat(list.getString("conversations[0].name")).isEqualTo("Dana");
        assertThat(list.getString("conversations[0].last.body")).isEqualTo("Is Tuesday at 3 ok?");
        assertThat(list.getString("conversations[0].last.direction")).isEqualTo("in");
        assertThat(list.getBoolean("conversations[0].optedOut")).isFalse();
        assertThat(conversations(account, true).getList("conversations")).hasSize(1);

        TestTokens.as(account).post("/api/accounts/" + account + "/conversations/" + contactId + "/read")
                .then().statusCode(204);

        assertThat(conversations(account, false).getInt("conversations[0].unread")).isZero();
        assertThat(conversations(account, true).getList("conversations")).isEmpty();
        JsonPath thread = thread(account, contactId);
        assertThat(thread.getList("entries.kind")).containsExactly("TEXT_IN");
        assertThat(thread.getString("entries[0].channel")).isEqualTo("SMS");
    }

    @Test
    void theTeamsAnswerIsOneTextHoweverOftenItIsSentAndItsStatusFollowsTwilio() {
        String account = "conv-answer";
        String number = "+15557000002";
        String lee = "+15551000002";
        Flows.profile(account, "Answer Aesthetics", number);
        String contactId = Flows.contact(account, lee, "Lee");

        Response first = reply(account, contactId, "key-1", Map.of("body", "Yes, 3 pm works. See you!", "userId", "ava"));
        Response again = reply(account, contactId, "key-1", Map.of("body", "Yes, 3 pm works. See you!", "userId", "ava"));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(first.jsonPath().getString("status")).isEqualTo("QUEUED");
        assertThat(first.jsonPath().getString("sentBy.kind")).isEqualTo("team");
        assertThat(first.jsonPath().getString("sentBy.userId")).isEqualTo("ava");
        assertThat(again.jsonPath().getString("commandId")).isEqualTo(first.jsonPath().getString("commandId"));
        List<SendMessage> commands = Flows.commandsTo(account, lee, 2, Duration.ofSeconds(3));
        assertThat(commands).singleElement().satisfies(c -> {
            assertThat(c.cause()).isEqualTo(MessageCause.TEAM_REPLY);
            assertThat(c.from()).isEqualTo(number);
            assertThat(c.body()).isEqualTo("Yes, 3 pm works. See you!");
        });
        Response reused = reply(account, contactId, "key-1", Map.of("body", "Something else"));
        assertThat(reused.statusCode()).isEqualTo(409);
        assertThat(reused.jsonPath().getString("errors[0].field")).isEqualTo("Idempotency-Key");

        String commandId = commands.get(0).commandId();
        Instant now = Instant.now();
        String sid = "SM" + String.format("%032x", SIDS.incrementAndGet());
        smsEvent(account, lee, new MessageAccepted(commandId, account, sid, Channel.SMS, number, lee, 1,
                MessageCause.TEAM_REPLY, null, null, now));
        smsEvent(account, lee, new MessageDelivered(commandId, account, sid, lee, now.plusSeconds(2)));
        smsEvent(account, lee, new MessageSent(commandId, account, sid, lee, now.plusSeconds(1)));
        JsonPath delivered = await().atMost(Duration.ofSeconds(20)).until(() -> thread(account, contactId),
                t -> "DELIVERED".equals(t.getString("entries[0].status")));
        assertThat(delivered.getString("entries[0].direction")).isEqualTo("out");

        Response second = reply(account, contactId, "key-2", Map.of("body", "Running 5 minutes late"));
        String failedCommand = second.jsonPath().getString("commandId");
        smsEvent(account, lee, new MessageFailed(failedCommand, account, null, lee, 30003, "Unreachable destination",
                true, Instant.now()));
        JsonPath failed = await().atMost(Duration.ofSeconds(20)).until(() -> thread(account, contactId),
                t -> "UNDELIVERED".equals(t.getString("entries[1].status")));
        assertThat(failed.getInt("entries[1].errorCode")).isEqualTo(30003);
    }

    @Test
    void whatCannotBeSentIsRefusedWithTheReasonAndNothingIsSent() {
        String account = "conv-refuse";
        String number = "+15557000003";
        String kim = "+15551000003";
        String stop = "+15551000004";
        Flows.profile(account, "Refusal Rentals", number);
        String contactId = Flows.contact(account, kim, "Kim");
        String stopped = Flows.contact(account, stop, "Sam");
        smsEvent(account, stop, new OptedOut(account, stop, true, "STOP", "SM" + String.format("%032x",
                SIDS.incrementAndGet()), Instant.now()));
        // The opt-out reaches the contact (workflows' consumer) and the thread (conversations' consumer) apart.
        await().atMost(Duration.ofSeconds(20)).until(() -> thread(account, stopped),
                t -> t.getBoolean("optedOut") && t.getList("entries.kind").contains("OPTED_OUT"));

        assertRefused(reply(account, contactId, "r-1", Map.of("body", " ")), 400, "body");
        assertRefused(reply(account, contactId, "r-2", Map.of("body", "x".repeat(1601))), 400, "body");
        assertRefused(TestTokens.as(account).contentType(ContentType.JSON).body(Map.of("body", "hi"))
                .post("/api/accounts/" + account + "/conversations/" + contactId + "/messages"), 400, "Idempotency-Key");
        assertRefused(reply(account, contactId, "r-3", Map.of("body", "hi", "channel", "WHATSAPP")), 409, "channel");
        assertRefused(reply(account, contactId, "r-4", Map.of("body", "hi", "channel", "FAX")), 400, "channel");
        assertRefused(reply(account, contactId, "r-5", Map.of("body", "hi", "from", "+15550000000")), 400, "from");
        Response optedOut = reply(account, stopped, "r-6", Map.of("body", "Please come back"));
        assertThat(optedOut.statusCode()).isEqualTo(409);
        assertThat(optedOut.jsonPath().getString("detail")).contains("opted out");
        assertThat(thread(account, stopped).getList("entries.kind")).containsExactly("OPTED_OUT");

        // Another account's contact: 404 with one's own token, 403 with the other's.
        Flows.profile("conv-other", "Other", "+15557000099");
        assertThat(TestTokens.as("conv-other").get("/api/accounts/conv-other/conversations/" + contactId)
                .statusCode()).isEqualTo(404);
        assertThat(replyAs("conv-other", "conv-other", contactId, "r-7", Map.of("body", "hi")).statusCode())
                .isEqualTo(404);
        assertThat(replyAs("conv-other", account, contactId, "r-8", Map.of("body", "hi")).statusCode())
                .isEqualTo(403);
        assertThat(TestTokens.as(account).get("/api/accounts/" + account + "/conversations/not-a-uuid")
                .statusCode()).isEqualTo(404);

        assertThat(Flows.commandsOf(account, 1, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void callsAndVoicemailsAreInTheConversationAndTheAssignedUserIsToldOncePerEvent() {
        String account = "conv-notify";
        String number = "+15557000005";
        String unassigned = "+15557000006";
        String caller = "+15551000005";
        String ava = "+15550001005";
        String bo = "+15550001006";
        profileWithTeam(account, List.of(number, unassigned), new BusinessProfileChanged.Team(List.of(
                new BusinessProfileChanged.TeamMember("ava", "Ava", ava, true, true, true),
                new BusinessProfileChanged.TeamMember("bo", "Bo", bo, true, false, true),
                new BusinessProfileChanged.TeamMember("noone", "No Mobile", null, true, true, true)),
                Map.of(number, "ava")));
        String contactId = Flows.contact(account, caller, "Dana");

        CallMissed missed = Flows.missed(account, caller, number, Instant.now());
        Flows.send(missed);
        Flows.send(missed);
        // The voicemail is recorded after the call was missed (the greeting, then the message): here, once the missed
        // call is handled. (The call's entry and its notice are written by the missed-call consumer, the voicemail's
        // by the conversation's: each tells the team when it handles its event.)
        await().atMost(Duration.ofSeconds(20)).until(() -> thread(account, contactId),
                t -> t.getList("entries.kind").contains("CALL_MISSED"));
        String recording = "RE" + String.format("%032x", SIDS.incrementAndGet());
        Flows.sendEvent(Topics.CALLS_VOICEMAIL, Keys.accountAndPhone(account, caller), new VoicemailRecorded(
                missed.callSid(), account, caller, number, recording, "https://api.twilio.com/x", 34, Instant.now()));
        Flows.sendEvent(Topics.CALLS_VOICEMAIL, Keys.accountAndPhone(account, caller), new VoicemailTranscribed(
                missed.callSid(), account, caller, recording, false, "Please call me back", Instant.now()));
        inbound(account, caller, number, Channel.SMS, "Also, do you have parking?");
        String answered = Flows.newCallSid();
        Flows.sendEvent(Topics.CALLS_ANSWERED, Keys.accountAndPhone(account, caller),
                new CallAnswered(answered, account, caller, number, Instant.now()));

        JsonPath thread = await().atMost(Duration.ofSeconds(20)).until(() -> thread(account, contactId),
                t -> t.getList("entries.kind").containsAll(List.of("CALL_MISSED", "VOICEMAIL", "TEXT_IN",
                        "CALL_ANSWERED")) && "completed".equals(t.getString(
                        "entries.find { it.kind == 'VOICEMAIL' }.voicemail.transcriptionStatus")));
        assertThat(thread.getList("entries.kind").stream().filter("CALL_MISSED"::equals)).hasSize(1);
        assertThat(thread.getString("entries.find { it.kind == 'VOICEMAIL' }.voicemail.transcription"))
                .isEqualTo("Please call me back");
        assertThat(thread.getString("entries.find { it.kind == 'VOICEMAIL' }.voicemail.audioUrl"))
                .isEqualTo("/api/accounts/" + account + "/voicemails/" + recording + "/audio");
        assertThat(thread.getInt("entries.find { it.kind == 'VOICEMAIL' }.voicemail.durationSeconds")).isEqualTo(34);
        assertThat(thread.getInt("unread")).isEqualTo(3);

        List<SendMessage> toAva = Flows.commandsTo(account, ava, 4, Duration.ofSeconds(5)).stream()
                .filter(c -> c.cause() == MessageCause.NOTIFICATION).toList();
        assertThat(toAva).extracting(SendMessage::body).containsExactly(
                "Missed call from Dana +1 555-100-0005 to Conversation Notices.",
                "Voicemail from Dana +1 555-100-0005 to Conversation Notices (0:34).",
                "Text from Dana +1 555-100-0005 to Conversation Notices: 'Also, do you have parking?'");
        assertThat(toAva).allSatisfy(c -> assertThat(c.from()).isEqualTo(number));
        assertThat(Flows.commandsTo(account, bo, 1, Duration.ofSeconds(1))).as("the number is ava's").isEmpty();
        assertThat(Flows.commandsTo(account, caller, 1, Duration.ofSeconds(1)).stream()
                .filter(c -> c.cause() == MessageCause.NOTIFICATION)).as("never the caller").isEmpty();

        // A number nobody is assigned: every user with a mobile who wants it, but never the user who is the caller.
        CallMissed fromBo = Flows.missed(account, bo, unassigned, Instant.now());
        Flows.send(fromBo);
        List<SendMessage> aboutBo = Flows.commandsTo(account, ava, 4, Duration.ofSeconds(10)).stream()
                .filter(c -> c.commandId().contains(fromBo.callSid())).toList();
        assertThat(aboutBo).singleElement().satisfies(c -> assertThat(c.from()).isEqualTo(unassigned));
        assertThat(Flows.commandsTo(account, bo, 1, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void aWorkflowsTextIsInTheConversationWithItsStepAndTheTeamsAnswerEndsTheWaitingRun() {
        String account = "conv-workflow";
        String number = "+15557000007";
        String caller = "+15551000007";
        Flows.profile(account, "Workflow Waxing", number);
        Flows.activeWorkflow(account, """
                {"name": "Text then wait", "endOnReply": true, "steps": [
                  {"id": "hello", "type": "send_sms", "body": "Hi, sorry we missed you."},
                  {"id": "later", "type": "wait", "duration": "PT1H"},
                  {"id": "again", "type": "send_sms", "body": "Still there?"}]}""");
        CallMissed missed = Flows.send(Flows.missed(account, caller, number, Instant.now()));
        Flows.journeyWith(account, missed.callSid(), "waiting");
        String contactId = Flows.contactByPhone(account, caller).getString("[0].id");

        JsonPath thread = await().atMost(Duration.ofSeconds(20)).until(() -> thread(account, contactId),
                t -> t.getList("entries.kind").containsAll(List.of("CALL_MISSED", "TEXT_OUT")));
        assertThat(thread.getString("entries.find { it.kind == 'TEXT_OUT' }.body")).isEqualTo("Hi, sorry we missed you.");
        assertThat(thread.getString("entries.find { it.kind == 'TEXT_OUT' }.sentBy.kind")).isEqualTo("workflow");
        assertThat(thread.getString("entries.find { it.kind == 'TEXT_OUT' }.sentBy.workflowName"))
                .isEqualTo("Text then wait");
        assertThat(thread.getString("entries.find { it.kind == 'TEXT_OUT' }.sentBy.stepId")).isEqualTo("hello");

        reply(account, contactId, "wf-1", Map.of("body", "We'll call you at 4.")).then().statusCode(201);

        JsonPath journey = Flows.journeyWith(account, missed.callSid(), "ended_by_reply");
        assertThat(journey.getList("workflows.status")).containsExactly("finished");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static void profileWithTeam(String account, List<String> numbers, BusinessProfileChanged.Team team) {
        long version = System.currentTimeMillis();
        TopicProbe.send(Topics.SETTINGS_BUSINESS, Keys.account(account), EventJson.encode(new BusinessProfileChanged(
                account, "Conversation Notices", "America/New_York", numbers, numbers.get(0), null, null, version,
                Instant.now(), team)));
        await().atMost(Duration.ofSeconds(20)).until(() -> TestTokens.as(account)
                        .get("/api/accounts/" + account + "/business-profile").then().extract(),
                r -> r.statusCode() == 200 && r.jsonPath().getLong("version") == version);
    }

    private static void inbound(String account, String from, String to, Channel channel, String body) {
        smsEvent(account, from, new InboundMessage(account, "SM" + String.format("%032x", SIDS.incrementAndGet()),
                channel, from, to, body, Instant.now()));
    }

    private static void smsEvent(String account, String phone, com.mctb.contracts.event.SmsEvent event) {
        Flows.sendEvent(Topics.SMS_EVENTS, Keys.accountAndPhone(account, phone), event);
    }

    private static JsonPath conversations(String account, boolean unread) {
        return TestTokens.as(account).queryParam("unread", unread).get("/api/accounts/" + account + "/conversations")
                .then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath thread(String account, String contactId) {
        return TestTokens.as(account).get("/api/accounts/" + account + "/conversations/" + contactId)
                .then().statusCode(200).extract().jsonPath();
    }

    private static Response reply(String account, String contactId, String key, Map<String, String> body) {
        return replyAs(account, account, contactId, key, body);
    }

    private static Response replyAs(String token, String account, String contactId, String key,
            Map<String, String> body) {
        return TestTokens.as(token).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/accounts/" + account + "/conversations/" + contactId + "/messages");
    }

    private static void assertRefused(Response response, int status, String field) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("errors[0].field")).isEqualTo(field);
    }
}

package com.mctb.messaging.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.mctb.contracts.Topics;
import com.mctb.contracts.event.Channel;
import com.mctb.contracts.event.MessageAccepted;
import com.mctb.contracts.event.MessageCause;
import com.mctb.contracts.event.MessageFailed;
import com.mctb.contracts.event.SendMessage;
import com.mctb.contracts.event.SmsEvent;
import com.mctb.contracts.json.EventJson;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestTokens;
import com.mctb.testkit.TopicProbe;
import com.mctb.testkit.TwilioStandInResource;
import com.mctb.twilio.standin.SentMessage;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class SendMessageFlowTest {

    @BeforeEach
    void reset() {
        TwilioStandInResource.standIn().reset();
    }

    @Test
    void aCommandIsSentThroughTwilioOnceAndMetered() {
        SendMessage command = command("cmd-1", "acct-one", "+15551230001", "Hi Dana, sorry we missed your call.");

        TopicProbe.send(Topics.SMS_COMMANDS, "acct-one/+15551230001", EventJson.encode(command));

        List<SentMessage> sent = await().atMost(Duration.ofSeconds(20))
                .until(() -> TwilioStandInResource.standIn().sentMessages(), list -> !list.isEmpty());
        assertThat(sent).singleElement().satisfies(m -> {
            assertThat(m.accountSid()).isEqualTo(TwilioStandInResource.ACCOUNT_SID);
            assertThat(m.to()).isEqualTo("+15551230001");
            assertThat(m.from()).isEqualTo("+15557654321");
            assertThat(m.body()).isEqualTo("Hi Dana, sorry we missed your call.");
            assertThat(m.params().get("StatusCallback")).isEqualTo("https://hooks.messaging.test/twilio/messaging/status");
        });
        MessageAccepted accepted = (MessageAccepted) eventsFor("cmd-1", MessageAccepted.class);
        assertThat(accepted.messageSid()).isEqualTo(sent.get(0).sid());
        assertThat(accepted.segments()).isEqualTo(1);
        TestTokens.as("acct-one").queryParam("month", YearMonth.now(ZoneOffset.UTC).toString()).get("/api/accounts/acct-one/usage")
                .then().statusCode(200).body("messages", equalTo(1)).body("segments", equalTo(1));
    }

    @Test
    void aCommandDeliveredThreeTimesIsSentOnce() {
        SendMessage command = command("cmd-2", "acct-two", "+15551230002", "once");

        for (int i = 0; i < 3; i++) {
            TopicProbe.send(Topics.SMS_COMMANDS, "acct-two/+15551230002", EventJson.encode(command));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> !TwilioStandInResource.standIn().sentMessages().isEmpty());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> TwilioStandInResource.standIn().sentMessages().size() == 1);
        TestTokens.as("acct-two").get("/api/accounts/acct-two/usage").then().body("messages", equalTo(1));
    }

    @Test
    void transientTwilioErrorsAreRetriedAndTheTextIsSentOnce() {
        TwilioStandInResource.standIn().failNext(2, 500);

        TopicProbe.send(Topics.SMS_COMMANDS, "acct-three/+15551230003",
                EventJson.encode(command("cmd-3", "acct-three", "+15551230003", "retry me")));

        await().atMost(Duration.ofSeconds(20)).until(() -> TwilioStandInResource.standIn().sentMessages().size() == 1);
        assertThat(eventsFor("cmd-3", MessageAccepted.class)).isNotNull();
    }

    @Test
    void aPermanentTwilioErrorIsAFailureWithTheTwilioCode() {
        // The stand-in answers 21211 (invalid 'To' number) for +1555000....
        TopicProbe.send(Topics.SMS_COMMANDS, "acct-four/+15550009999",
                EventJson.encode(command("cmd-4", "acct-four", "+15550009999", "nobody")));

        MessageFailed failed = (MessageFailed) eventsFor("cmd-4", MessageFailed.class);
        assertThat(failed.errorCode()).isEqualTo(21211);
        assertThat(TwilioStandInResource.standIn().sentMessages()).isEmpty();
        TestTokens.as("acct-four").get("/api/accounts/acct-four/usage").then().body("messages", equalTo(0));
    }

    private static SendMessage command(String id, String account, String to, String body) {
        return new SendMessage(id, account, Channel.SMS, "+15557654321", to, body, MessageCause.WORKFLOW,
                "CA" + "0".repeat(32), Instant.now(), Instant.now(), null);
    }

    private static SmsEvent eventsFor(String commandId, Class<? extends SmsEvent> type) {
        return TopicProbe.readUntil(Topics.SMS_EVENTS,
                        rs -> rs.stream().anyMatch(r -> r.value().contains("\"" + commandId + "\"")),
                        Duration.ofSeconds(20), Duration.ZERO).stream()
                .map(r -> EventJson.decode(r.value(), SmsEvent.class))
                .filter(type::isInstance)
                .filter(e -> e.eventId().contains(commandId) || e.toString().contains(commandId))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " for " + commandId));
    }
}

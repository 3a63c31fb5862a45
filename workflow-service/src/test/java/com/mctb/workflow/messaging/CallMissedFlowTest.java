package com.mctb.workflow.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mctb.contracts.Topics;
import com.mctb.contracts.event.BusinessProfileChanged;
import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.Channel;
import com.mctb.contracts.event.DialStatus;
import com.mctb.contracts.event.MessageCause;
import com.mctb.contracts.event.SendMessage;
import com.mctb.contracts.json.EventJson;
import com.mctb.kit.kafka.DeadLetters;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestTokens;
import com.mctb.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
class CallMissedFlowTest {

    static final String NUMBER = "+15557654321";

    @BeforeEach
    void glowAestheticsIsKnown() {
        TopicProbe.send(Topics.SETTINGS_BUSINESS, "glow", EventJson.encode(new BusinessProfileChanged("glow",
                "Glow Aesthetics", "America/New_York", List.of(NUMBER), NUMBER, null, null, 1, Instant.now())));
    }

    @Test
    void aMissedCallFromAKnownContactBecomesOnePersonalisedTextCommand() {
        TestTokens.as("glow").contentType(ContentType.JSON).body(Map.of("phone", "+15551230001", "firstName", "Dana"))
                .post("/api/accounts/glow/contacts").then().statusCode(201);
        CallMissed missed = missed("CA" + "1".repeat(32), "+15551230001");

        // Give the business profile a moment to be consumed, as in production it long has been.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            TopicProbe.send(Topics.CALLS_MISSED, "glow/+15551230001", EventJson.encode(missed));
            assertThat(commandsTo("+15551230001", 1, Duration.ofSeconds(3))).isNotEmpty();
        });
        List<SendMessage> commands = commandsTo("+15551230001", 1, Duration.ofSeconds(10));

        assertThat(commands).hasSize(1);
        SendMessage command = commands.get(0);
        assertThat(command.body()).isEqualTo("Hi Dana, sorry we missed your call at Glow Aesthetics. How can we help?");
        assertThat(command.from()).isEqualTo(NUMBER);
        assertThat(command.to()).isEqualTo("+15551230001");
        assertThat(command.channel()).isEqualTo(Channel.SMS);
        assertThat(command.cause()).isEqualTo(MessageCause.WORKFLOW);
        assertThat(command.callSid()).isEqualTo(missed.callSid());
        assertThat(command.missedAt()).isEqualTo(missed.occurredAt());
    }

    @Test
    void theBusinessProfileCopyIsReadable() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> TestTokens.as("glow").get("/api/accounts/glow/business-profile")
                .then().statusCode(200)
                .body("businessName", org.hamcrest.Matchers.equalTo("Glow Aesthetics"))
                .body("numbers[0]", org.hamcrest.Matchers.equalTo(NUMBER)));
        TestTokens.as("nobody").get("/api/accounts/nobody/business-profile").then().statusCode(404);
    }

    @Test
    void aRedeliveredCallMissedSendsNoSecondCommand() {
        CallMissed missed = missed("CA" + "2".repeat(32), "+15551230002");

        TopicProbe.send(Topics.CALLS_MISSED, "glow/+15551230002", EventJson.encode(missed));
        assertThat(commandsTo("+15551230002", 1, Duration.ofSeconds(20))).hasSize(1);
        TopicProbe.send(Topics.CALLS_MISSED, "glow/+15551230002", EventJson.encode(missed));
        TopicProbe.send(Topics.CALLS_MISSED, "glow/+15551230002", EventJson.encode(missed));

        assertThat(commandsTo("+15551230002", 2, Duration.ofSeconds(5))).hasSize(1);
        TestTokens.as("glow").queryParam("phone", "+15551230002").get("/api/accounts/glow/contacts")
                .then().statusCode(200).body("[0].callCount", org.hamcrest.Matchers.equalTo(1));
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextOneIsStillHandled() {
        TopicProbe.send(Topics.CALLS_MISSED, "glow/+15551230003", "{\"type\":\"CallMissed.v1\",\"callSid\":\"oops\"}");
        TopicProbe.send(Topics.CALLS_MISSED, "glow/+15551230003",
                EventJson.encode(missed("CA" + "3".repeat(32), "+15551230003")));

        assertThat(commandsTo("+15551230003", 1, Duration.ofSeconds(20))).hasSize(1);
        List<ConsumerRecord<String, String>> dead = TopicProbe.readUntil(Topics.deadLetter(Topics.CALLS_MISSED),
                rs -> rs.stream().anyMatch(r -> r.value().contains("oops")), Duration.ofSeconds(20), Duration.ZERO);
        ConsumerRecord<String, String> letter = dead.stream().filter(r -> r.value().contains("oops")).findFirst().orElseThrow();
        assertThat(new String(letter.headers().lastHeader(DeadLetters.ERROR_HEADER).value(), StandardCharsets.UTF_8))
                .contains("not a valid CallMissed");
        assertThat(letter.key()).isEqualTo("glow/+15551230003");
    }

    @Test
    void aWithheldCallerIsNotTexted() {
        CallMissed withheld = new CallMissed("CA" + "4".repeat(32), "glow", "anonymous", NUMBER, DialStatus.NO_ANSWER,
                null, true, Instant.now());
        TopicProbe.send(Topics.CALLS_MISSED, "glow/anonymous", EventJson.encode(withheld));

        assertThat(commandsTo("anonymous", 1, Duration.ofSeconds(3))).isEmpty();
    }

    private static CallMissed missed(String callSid, String from) {
        return new CallMissed(callSid, "glow", from, NUMBER, DialStatus.NO_ANSWER, null, false, Instant.now());
    }

    private static List<SendMessage> commandsTo(String to, int atLeast, Duration wait) {
        return TopicProbe.readUntil(Topics.SMS_COMMANDS,
                        rs -> rs.stream().filter(r -> r.key().endsWith("/" + to)).count() >= atLeast, wait,
                        Duration.ofMillis(500)).stream()
                .filter(r -> r.key().endsWith("/" + to))
                .map(r -> EventJson.decode(r.value(), SendMessage.class))
                .toList();
    }
}

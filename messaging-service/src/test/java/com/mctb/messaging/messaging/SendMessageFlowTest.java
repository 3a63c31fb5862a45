package com.mctb.messaging.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.mctb.contracts.Topics;
import com.mctb.contracts.event.MessageAccepted;
import com.mctb.contracts.event.MessageFailed;
import com.mctb.contracts.event.SendMessage;
import com.mctb.messaging.support.Texts;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestTokens;
import com.mctb.testkit.TopicProbe;
import com.mctb.testkit.TwilioStandInResource;
import com.mctb.twilio.standin.ApiRequest;
import com.mctb.twilio.standin.SentMessage;
import com.mctb.twilio.standin.TwilioApiStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class SendMessageFlowTest {

    private final TwilioApiStandIn twilio = TwilioStandInResource.standIn();

    @BeforeEach
    void reset() {
        twilio.reset();
    }

    @Test
    void aCommandIsSentThroughTwilioOnceAndMetered() {
        Texts.send(Texts.sms("cmd-1", "acct-one", "+15551230001", "Hi Dana, sorry we missed your call."));

        List<SentMessage> sent = await().atMost(Duration.ofSeconds(20)).until(() -> Texts.sentTo("+15551230001"),
                list -> !list.isEmpty());
        assertThat(sent).singleElement().satisfies(m -> {
            assertThat(m.accountSid()).isEqualTo(TwilioStandInResource.ACCOUNT_SID);
            assertThat(m.from()).isEqualTo(Texts.FROM);
            assertThat(m.body()).isEqualTo("Hi Dana, sorry we missed your call.");
            assertThat(m.params().get("StatusCallback")).startsWith("https://hooks.messaging.test/twilio/messaging/status?m=");
        });
        MessageAccepted accepted = Texts.event(MessageAccepted.class, "cmd-1");
        assertThat(accepted.messageSid()).isEqualTo(sent.get(0).sid());
        assertThat(accepted.segments()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> TestTokens.as("acct-one").get("/api/accounts/acct-one/usage")
                .then().statusCode(200).body("messages", equalTo(1)).body("segments", equalTo(1))
                .body("byChannel.SMS.messages", equalTo(1)).body("byCause.WORKFLOW.segments", equalTo(1)));
        TestTokens.as("acct-one").get("/api/accounts/acct-one/messages").then().statusCode(200)
                .body("[0].status", equalTo("QUEUED")).body("[0].twilioSid", equalTo(sent.get(0).sid()));
    }

    @Test
    void aCommandDeliveredThreeTimesIsSentOnce() {
        SendMessage command = Texts.sms("cmd-2", "acct-two", "+15551230002", "once");

        for (int i = 0; i < 3; i++) {
            Texts.send(command);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> !Texts.sentTo("+15551230002").isEmpty());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> Texts.sentTo("+15551230002").size() == 1);
        assertThat(creates("+15551230002")).hasSize(1);
        TestTokens.as("acct-two").get("/api/accounts/acct-two/usage").then().body("messages", equalTo(1));
        assertThat(Texts.events(MessageAccepted.class, e -> e.commandId().equals("cmd-2"))).hasSize(1);
    }

    @Test
    void transientTwilioErrorsAreRetriedAndTheTextIsSentOnce() {
        twilio.failNext(2, 500);

        Texts.send(Texts.sms("cmd-3", "acct-three", "+15551230003", "retry me"));

        await().atMost(Duration.ofSeconds(20)).until(() -> Texts.sentTo("+15551230003").size() == 1);
        assertThat(Texts.event(MessageAccepted.class, "cmd-3").messageSid()).isEqualTo(Texts.sentTo("+15551230003").get(0).sid());
        assertThat(creates("+15551230003")).extracting(ApiRequest::status).containsExactly(500, 500, 201);
    }

    @Test
    void thirtyPercentOf429And500AnswersStillSendEveryTextOnce() {
        List<String> recipients = new ArrayList<>();
        twilio.failRandomly(0.3, 429);
        for (int i = 0; i < 25; i++) {
            recipients.add(String.format("+1555301%04d", i));
            Texts.send(Texts.sms("cmd-burst-429-" + i, "acct-burst", recipients.get(i), "text " + i));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> sentTo(recipients).size() == 25);
        twilio.failRandomly(0.3, 500);
        for (int i = 25; i < 50; i++) {
            recipients.add(String.format("+1555301%04d", i));
            Texts.send(Texts.sms("cmd-burst-500-" + i, "acct-burst", recipients.get(i), "text " + i));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> sentTo(recipients).size() == 50);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> sentTo(recipients).size() == 50);
        Map<String, Long> perRecipient = sentTo(recipients).stream()
                .collect(Collectors.groupingBy(SentMessage::to, Collectors.counting()));
        assertThat(perRecipient).hasSize(50).allSatisfy((to, n) -> assertThat(n).as(to).isEqualTo(1));
        List<Integer> answers = recipients.stream().flatMap(r -> creates(r).stream()).map(ApiRequest::status).toList();
        assertThat(answers).as("the stand-in did refuse some").contains(429, 500);
        assertThat(Texts.events(MessageAccepted.class, e -> e.accountId().equals("acct-burst")).stream()
                .map(MessageAccepted::commandId).distinct()).hasSize(50);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> TestTokens.as("acct-burst")
                .get("/api/accounts/acct-burst/usage").then().body("messages", equalTo(50)));
    }

    @Test
    void aPermanentTwilioErrorIsAFailureWithTheTwilioCodeAndIsNotRetried() {
        // The stand-in answers 21211 (invalid 'To' number) for +1555000....
        Texts.send(Texts.sms("cmd-4", "acct-four", "+15550009999", "nobody"));

        MessageFailed failed = Texts.event(MessageFailed.class, "cmd-4");
        assertThat(failed.errorCode()).isEqualTo(21211);
        assertThat(failed.undelivered()).isFalse();
        assertThat(twilio.sentMessages()).isEmpty();
        assertThat(creates("+15550009999")).hasSize(1);
        TestTokens.as("acct-four").get("/api/accounts/acct-four/usage").then().body("messages", equalTo(0));
    }

    @Test
    void anUnansweredRequestThatTwilioTookIsNotSentAgain() {
        twilio.stallNext(1, Duration.ofMillis(2_500), true);

        Texts.send(Texts.sms("cmd-5", "acct-five", "+15551230005", "took it, answer lost"));

        MessageAccepted accepted = Texts.event(MessageAccepted.class, "cmd-5");
        assertThat(Texts.sentTo("+15551230005")).singleElement()
                .satisfies(m -> assertThat(m.sid()).isEqualTo(accepted.messageSid()));
        assertThat(creates("+15551230005")).hasSize(1);
        assertThat(twilio.apiRequests()).anySatisfy(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.params().get("To")).containsExactly("+15551230005");
        });
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> Texts.sentTo("+15551230005").size() == 1);
    }

    @Test
    void aFailedReadOfTwiliossListNeitherFailsNorResendsTheText() {
        twilio.stallNext(1, Duration.ofMillis(2_500), true);
        twilio.failReadsNext(2, 401);

        Texts.send(Texts.sms("cmd-5b", "acct-five", "+15551230015", "answer lost, list refused at first"));

        MessageAccepted accepted = Texts.event(MessageAccepted.class, "cmd-5b");
        assertThat(Texts.sentTo("+15551230015")).singleElement()
                .satisfies(m -> assertThat(m.sid()).isEqualTo(accepted.messageSid()));
        assertThat(creates("+15551230015")).hasSize(1);
        assertThat(Texts.events(MessageFailed.class, e -> "cmd-5b".equals(e.commandId()))).isEmpty();
    }

    @Test
    void anUnansweredRequestThatTwilioDidNotTakeIsSentOnce() {
        twilio.stallNext(1, Duration.ofMillis(2_500), false);

        Texts.send(Texts.sms("cmd-6", "acct-six", "+15551230006", "lost on the way"));

        MessageAccepted accepted = Texts.event(MessageAccepted.class, "cmd-6");
        assertThat(Texts.sentTo("+15551230006")).singleElement()
                .satisfies(m -> assertThat(m.sid()).isEqualTo(accepted.messageSid()));
        assertThat(creates("+15551230006")).hasSize(2);
    }

    @Test
    void aPoisonCommandIsDeadLetteredAndTheNextIsSent() {
        TopicProbe.send(Topics.SMS_COMMANDS, "acct-seven/+15551230007", "{\"type\":\"SendMessage.v1\",\"commandId\":\"x\"}");
        Texts.send(Texts.sms("cmd-7", "acct-seven", "+15551230007", "after the poison"));

        await().atMost(Duration.ofSeconds(20)).until(() -> Texts.sentTo("+15551230007").size() == 1);
        assertThat(TopicProbe.readUntil(Topics.deadLetter(Topics.SMS_COMMANDS),
                rs -> rs.stream().anyMatch(r -> "acct-seven/+15551230007".equals(r.key())), Duration.ofSeconds(10),
                Duration.ZERO)).anySatisfy(r -> assertThat(r.key()).isEqualTo("acct-seven/+15551230007"));
    }

    @Test
    void speedToLeadAndTextCountersArePublishedWithoutPhoneNumbers() {
        SendMessage command = Texts.sms("cmd-8", "acct-eight", "+15551230008", "timed");
        Texts.send(new SendMessage(command.commandId(), command.accountId(), command.channel(), command.from(),
                command.to(), command.body(), command.cause(), command.callSid(), Instant.now().minusMillis(40),
                Instant.now(), null));
        Texts.event(MessageAccepted.class, "cmd-8");

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).contains("mctb_speed_to_lead_seconds_bucket{channel=\"sms\"")
                .contains("mctb_speed_to_lead_seconds_count{channel=\"sms\"}")
                .contains("mctb_texts_total{channel=\"sms\",status=\"accepted\"}")
                .contains("mctb_segments_total{channel=\"sms\"}");
        assertThat(metrics).doesNotContain("+1555").doesNotContainPattern("SM[0-9a-f]{32}");
        assertThat(metrics.lines().filter(l -> l.startsWith("mctb_speed_to_lead_seconds_bucket")).count())
                .as("a percentile histogram, so p50/p95/p99 can be computed").isGreaterThan(10);
    }

    private List<SentMessage> sentTo(List<String> recipients) {
        return twilio.sentMessages().stream().filter(m -> recipients.contains(m.to())).toList();
    }

    private List<ApiRequest> creates(String to) {
        return twilio.apiRequests().stream()
                .filter(r -> r.method().equals("POST") && List.of(to).equals(r.params().get("To")))
                .toList();
    }
}

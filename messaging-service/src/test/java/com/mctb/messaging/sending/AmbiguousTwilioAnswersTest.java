package com.mctb.messaging.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.mctb.contracts.event.MessageAccepted;
import com.mctb.contracts.event.MessageFailed;
import com.mctb.messaging.domain.MessageStatus;
import com.mctb.messaging.persistence.Message;
import com.mctb.messaging.support.Database;
import com.mctb.messaging.support.Texts;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestTokens;
import com.mctb.testkit.TwilioStandInResource;
import com.mctb.twilio.standin.ApiRequest;
import com.mctb.twilio.standin.SentMessage;
import com.mctb.twilio.standin.TwilioApiStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Twilio's real failure modes on Messages create: a 5xx from its edge after it created the message, and an answer
 * that comes after our read timeout. Either way the text may have been taken: Twilio's list is read before anything
 * is sent again, so the recipient gets one text, recorded with Twilio's SID and counted once.
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class AmbiguousTwilioAnswersTest {

    private final TwilioApiStandIn twilio = TwilioStandInResource.standIn();

    @BeforeEach
    @AfterEach
    void reset() {
        twilio.reset();
    }

    @Test
    void a502AfterTwilioCreatedTheMessageIsAdoptedNotSentAgain() {
        // Every create is taken and answered 502: a retry that does not look first would send it again and again.
        twilio.failAfterCreateRandomly(1.0, 502);

        Texts.send(Texts.sms("cmd-amb-1", "acct-amb-1", "+15556790001", "taken, answered 502"));

        MessageAccepted accepted = Texts.event(MessageAccepted.class, "cmd-amb-1");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> Texts.sentTo("+15556790001").size() == 1);
        SentMessage atTwilio = Texts.sentTo("+15556790001").get(0);
        assertThat(accepted.messageSid()).isEqualTo(atTwilio.sid());
        assertThat(creates("+15556790001")).extracting(ApiRequest::status).containsExactly(502);
        Message row = Database.message("cmd-amb-1").orElseThrow();
        assertThat(row.twilioSid).isEqualTo(atTwilio.sid());
        assertThat(row.status).isNotIn(MessageStatus.FAILED, MessageStatus.SENDING, MessageStatus.PENDING);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> TestTokens.as("acct-amb-1")
                .get("/api/accounts/acct-amb-1/usage").then().statusCode(200).body("messages", equalTo(1)));
        assertThat(Texts.events(MessageFailed.class, e -> "cmd-amb-1".equals(e.commandId()))).isEmpty();
    }

    @Test
    void a502ForAMessageTwilioDidNotCreateIsSentOnceMore() {
        twilio.failNext(1, 502);

        Texts.send(Texts.sms("cmd-amb-2", "acct-amb-2", "+15556790002", "not taken, answered 502"));

        MessageAccepted accepted = Texts.event(MessageAccepted.class, "cmd-amb-2");
        assertThat(Texts.sentTo("+15556790002")).singleElement()
                .satisfies(m -> assertThat(m.sid()).isEqualTo(accepted.messageSid()));
        assertThat(creates("+15556790002")).extracting(ApiRequest::status).containsExactly(502, 201);
        assertThat(twilio.apiRequests()).as("Twilio's list read between the two, filtered by To and From (not DateSent: a queued message has none)")
                .anySatisfy(r -> {
                    assertThat(r.method()).isEqualTo("GET");
                    assertThat(r.params().get("To")).containsExactly("+15556790002");
                    assertThat(r.params().get("From")).containsExactly(Texts.FROM);
                    assertThat(r.params()).doesNotContainKey("DateSent>");
                });
    }

    @Test
    void anAnswerStalledPastTheReadTimeoutIsAdoptedNotSentAgain() {
        // Answered after 2.5 s, past the test profile's 1 s read timeout; Twilio took it.
        twilio.stallNext(1, Duration.ofMillis(2_500), true);

        Texts.send(Texts.sms("cmd-amb-3", "acct-amb-3", "+15556790003", "taken, answer too late"));

        MessageAccepted accepted = Texts.event(MessageAccepted.class, "cmd-amb-3");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> Texts.sentTo("+15556790003").size() == 1);
        assertThat(accepted.messageSid()).isEqualTo(Texts.sentTo("+15556790003").get(0).sid());
        assertThat(creates("+15556790003")).hasSize(1);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> TestTokens.as("acct-amb-3")
                .get("/api/accounts/acct-amb-3/usage").then().statusCode(200).body("messages", equalTo(1)));
    }

    @Test
    void whenTwilioCannotBeAskedTheTextStaysSendingUntilItCan() {
        twilio.failAfterCreateRandomly(1.0, 502);
        twilio.failReadsNext(1_000, 500);

        Texts.send(Texts.sms("cmd-amb-4", "acct-amb-4", "+15556790004", "taken, list unreadable"));

        await().atMost(Duration.ofSeconds(10)).until(() -> Texts.sentTo("+15556790004").size() == 1);
        // Attempts run out and recovery takes it over (2 s lease in tests): never failed, never sent again.
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8)).until(() ->
                Database.status("cmd-amb-4") == MessageStatus.SENDING && Texts.sentTo("+15556790004").size() == 1);
        assertThat(Texts.events(MessageFailed.class, e -> "cmd-amb-4".equals(e.commandId()))).isEmpty();

        twilio.failReadsNext(0, 500);
        MessageAccepted accepted = Texts.event(MessageAccepted.class, "cmd-amb-4");
        assertThat(accepted.messageSid()).isEqualTo(Texts.sentTo("+15556790004").get(0).sid());
        assertThat(creates("+15556790004")).hasSize(1);
    }

    private List<ApiRequest> creates(String to) {
        return twilio.apiRequests().stream()
                .filter(r -> r.method().equals("POST") && List.of(to).equals(r.params().get("To")))
                .toList();
    }
}

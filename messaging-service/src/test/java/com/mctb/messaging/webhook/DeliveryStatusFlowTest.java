package com.mctb.messaging.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.mctb.contracts.event.MessageAccepted;
import com.mctb.contracts.event.MessageDelivered;
import com.mctb.contracts.event.MessageFailed;
import com.mctb.contracts.event.MessageSent;
import com.mctb.contracts.event.SmsEvent;
import com.mctb.messaging.domain.MessageStatus;
import com.mctb.messaging.support.Database;
import com.mctb.messaging.support.Texts;
import com.mctb.messaging.support.TwilioWebhooks;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestTokens;
import com.mctb.testkit.TwilioStandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class DeliveryStatusFlowTest {

    private static final String ACCOUNT = "acct-status";

    @BeforeEach
    void reset() {
        TwilioStandInResource.standIn().reset();
    }

    @Test
    void callbacksInOrderPublishSentThenDelivered() {
        MessageAccepted accepted = sendAndAccept("cmd-st-1", "+15553450001");

        post(accepted, "sent").then().statusCode(200);
        post(accepted, "delivered").then().statusCode(200);

        assertThat(Texts.events(MessageSent.class, e -> e.messageSid().equals(accepted.messageSid()))).singleElement()
                .satisfies(e -> assertThat(e.commandId()).isEqualTo("cmd-st-1"));
        assertThat(Texts.events(MessageDelivered.class, e -> e.messageSid().equals(accepted.messageSid()))).hasSize(1);
        assertThat(Database.status("cmd-st-1")).isEqualTo(MessageStatus.DELIVERED);
    }

    @Test
    void outOfOrderCallbacksNeverTakeATextBack() {
        MessageAccepted accepted = sendAndAccept("cmd-st-2", "+15553450002");

        post(accepted, "delivered").then().statusCode(200);
        post(accepted, "sent").then().statusCode(200);
        post(accepted, "queued").then().statusCode(200);
        post(accepted, "delivered").then().statusCode(200);

        assertThat(Database.status("cmd-st-2")).isEqualTo(MessageStatus.DELIVERED);
        List<SmsEvent> events = Texts.allEventsOf(ACCOUNT).stream()
                .filter(e -> e.toString().contains(accepted.messageSid())).toList();
        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("MessageAccepted", "MessageDelivered");
    }

    @Test
    void undeliveredIsAFailureWithTheCarriersCodeAndStaysSo() {
        MessageAccepted accepted = sendAndAccept("cmd-st-3", "+15553450003");
        Map<String, String> undelivered = TwilioWebhooks.status(accepted.messageSid(), "undelivered", accepted.from(),
                accepted.to());
        undelivered.put("ErrorCode", "30003");

        TwilioWebhooks.post(statusPath(null), undelivered).then().statusCode(200);
        post(accepted, "delivered").then().statusCode(200);

        MessageFailed failed = Texts.events(MessageFailed.class, e -> accepted.messageSid().equals(e.messageSid())).get(0);
        assertThat(failed.undelivered()).isTrue();
        assertThat(failed.errorCode()).isEqualTo(30003);
        assertThat(Database.status("cmd-st-3")).isEqualTo(MessageStatus.UNDELIVERED);
        assertThat(Database.message("cmd-st-3").orElseThrow().errorCode).isEqualTo(30003);
    }

    @Test
    void aCallbackBeforeTheApisAnswerWasRecordedRecordsTheAcceptanceOnce() {
        UUID id = Database.leftBehind("cmd-st-4", ACCOUNT + "-adopt", "+15553450004", "answer lost",
                MessageStatus.SENDING, Duration.ZERO);
        String sid = TwilioWebhooks.sid("SM", 0xabc004);
        Map<String, String> sent = TwilioWebhooks.status(sid, "sent", Texts.FROM, "+15553450004");

        TwilioWebhooks.post(statusPath(id), sent).then().statusCode(200);
        TwilioWebhooks.post(statusPath(id), sent).then().statusCode(200);

        assertThat(Texts.events(MessageAccepted.class, e -> e.commandId().equals("cmd-st-4"))).singleElement()
                .satisfies(e -> assertThat(e.messageSid()).isEqualTo(sid));
        assertThat(Texts.events(MessageSent.class, e -> sid.equals(e.messageSid()))).hasSize(1);
        assertThat(Database.status("cmd-st-4")).isEqualTo(MessageStatus.SENT);
        TestTokens.as(ACCOUNT + "-adopt").get("/api/accounts/" + ACCOUNT + "-adopt/usage").then()
                .body("messages", equalTo(1));
    }

    @Test
    void twilioPostingTheCallbacksItselfTakesTheTextToDelivered() {
        TwilioStandInResource.standIn().postStatusCallbacks(TwilioStandInResource.AUTH_TOKEN,
                TwilioWebhooks.PUBLIC_BASE, "http://localhost:" + RestAssured.port, List.of("sent", "delivered"),
                Duration.ofMillis(50));
        try {
            MessageAccepted accepted = sendAndAccept("cmd-st-5", "+15553450005");

            await().atMost(Duration.ofSeconds(10)).until(() -> Database.status("cmd-st-5") == MessageStatus.DELIVERED);
            assertThat(Texts.events(MessageDelivered.class, e -> e.messageSid().equals(accepted.messageSid()))).hasSize(1);
        } finally {
            TwilioStandInResource.standIn().stopStatusCallbacks();
        }
    }

    @Test
    void whatIsNotAValidCallbackIsRefused() {
        MessageAccepted accepted = sendAndAccept("cmd-st-6", "+15553450006");

        TwilioWebhooks.post(statusPath(null), TwilioWebhooks.status("SMnope", "sent", accepted.from(), accepted.to()))
                .then().statusCode(400).body(containsString("MessageSid"));
        TwilioWebhooks.post(statusPath(null), TwilioWebhooks.status(accepted.messageSid(), "teleported",
                accepted.from(), accepted.to())).then().statusCode(400).body(containsString("teleported"));
        TwilioWebhooks.postSigned(statusPath(null), TwilioWebhooks.status(accepted.messageSid(), "delivered",
                accepted.from(), accepted.to()), "Zm9yZ2Vk").then().statusCode(403);
        TwilioWebhooks.post(statusPath(null), TwilioWebhooks.status(TwilioWebhooks.sid("SM", 0xdead), "delivered",
                accepted.from(), accepted.to())).then().statusCode(200);

        assertThat(Database.status("cmd-st-6")).isEqualTo(MessageStatus.QUEUED);
    }

    private MessageAccepted sendAndAccept(String commandId, String to) {
        Texts.send(Texts.sms(commandId, ACCOUNT, to, "status of " + commandId));
        return Texts.event(MessageAccepted.class, commandId);
    }

    private static io.restassured.response.Response post(MessageAccepted accepted, String status) {
        return TwilioWebhooks.post(statusPath(null),
                TwilioWebhooks.status(accepted.messageSid(), status, accepted.from(), accepted.to()));
    }

    private static String statusPath(UUID ourId) {
        return "/twilio/messaging/status" + (ourId == null ? "" : "?m=" + ourId);
    }
}

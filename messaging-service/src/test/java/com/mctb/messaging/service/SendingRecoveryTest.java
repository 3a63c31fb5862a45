package com.mctb.messaging.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mctb.contracts.event.MessageAccepted;
import com.mctb.messaging.domain.MessageStatus;
import com.mctb.messaging.support.Database;
import com.mctb.messaging.support.Texts;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TwilioStandInResource;
import com.mctb.twilio.standin.SentMessage;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Texts a stopped instance left behind, as the database shows them: picked up, and sent once. */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class SendingRecoveryTest {

    @BeforeEach
    void reset() {
        TwilioStandInResource.standIn().reset();
    }

    @Test
    void aTextTwilioTookBeforeTheCrashIsRecordedNotSentAgain() throws Exception {
        // The instance claimed the text, Twilio took it, and the instance died before recording the answer.
        String sid = createAtTwilio("+15556780001", "sent before the crash");
        Database.leftBehind("cmd-rec-1", "acct-rec", "+15556780001", "sent before the crash", MessageStatus.SENDING,
                Duration.ofSeconds(10));

        MessageAccepted accepted = Texts.event(MessageAccepted.class, "cmd-rec-1");

        assertThat(accepted.messageSid()).isEqualTo(sid);
        assertThat(Texts.sentTo("+15556780001")).extracting(SentMessage::sid).containsExactly(sid);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> Texts.sentTo("+15556780001").size() == 1);
        assertThat(Database.status("cmd-rec-1")).isEqualTo(MessageStatus.QUEUED);
    }

    @Test
    void aTextTwilioNeverGotIsSentOnce() {
        Database.leftBehind("cmd-rec-2", "acct-rec", "+15556780002", "lost before Twilio", MessageStatus.SENDING,
                Duration.ofSeconds(10));

        MessageAccepted accepted = Texts.event(MessageAccepted.class, "cmd-rec-2");

        assertThat(Texts.sentTo("+15556780002")).singleElement()
                .satisfies(m -> assertThat(m.sid()).isEqualTo(accepted.messageSid()));
    }

    @Test
    void aTextTwilioHadForAnEarlierIdenticalTextIsNotMistakenForIt() throws Exception {
        // Same sender, recipient and body, but already recorded for another command: not this text's acceptance.
        Texts.send(Texts.sms("cmd-rec-3a", "acct-rec", "+15556780003", "same words"));
        String earlier = Texts.event(MessageAccepted.class, "cmd-rec-3a").messageSid();
        Database.leftBehind("cmd-rec-3b", "acct-rec", "+15556780003", "same words", MessageStatus.SENDING,
                Duration.ofSeconds(10));

        MessageAccepted accepted = Texts.event(MessageAccepted.class, "cmd-rec-3b");

        assertThat(accepted.messageSid()).isNotEqualTo(earlier);
        assertThat(Texts.sentTo("+15556780003")).hasSize(2);
    }

    @Test
    void aPendingTextNobodySentIsSent() {
        Database.leftBehind("cmd-rec-4", "acct-rec", "+15556780004", "recorded, never claimed", MessageStatus.PENDING,
                Duration.ofSeconds(10));

        Texts.event(MessageAccepted.class, "cmd-rec-4");

        assertThat(Texts.sentTo("+15556780004")).hasSize(1);
    }

    /** What Twilio would hold: a message created through its API, as the lost request had done. */
    private static String createAtTwilio(String to, String body) throws Exception {
        String form = "To=" + URLEncoder.encode(to, StandardCharsets.UTF_8) + "&From="
                + URLEncoder.encode(Texts.FROM, StandardCharsets.UTF_8) + "&Body=" + URLEncoder.encode(body, StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        TwilioStandInResource.standIn().baseUrl() + "/2010-04-01/Accounts/" + TwilioStandInResource.ACCOUNT_SID
                                + "/Messages.json"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (TwilioStandInResource.ACCOUNT_SID + ":" + TwilioStandInResource.AUTH_TOKEN).getBytes()))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        return Texts.sentTo(to).get(0).sid();
    }
}

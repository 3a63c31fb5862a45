package com.mctb.messaging.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mctb.contracts.event.InboundMessage;
import com.mctb.contracts.event.MessageAccepted;
import com.mctb.messaging.domain.MessageStatus;
import com.mctb.messaging.support.Database;
import com.mctb.messaging.support.Texts;
import com.mctb.messaging.support.TwilioWebhooks;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TwilioStandInResource;
import com.mctb.twilio.standin.SentMessage;
import com.mctb.twilio.standin.StandInAccount;
import com.mctb.twilio.standin.TwilioWebhookSigner;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An account tied to a Twilio subaccount: its texts go out under the subaccount's path with the platform's
 * credentials, and its webhooks are accepted only from that subaccount (signed with its token, which the service
 * fetches through Twilio's Accounts resource); the main account's validly signed webhook for its number, or the
 * subaccount's for another account's number, is refused (403), counted as rejected-account and logged masked.
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class WebhookOwnershipFlowTest {

    private static final String HELD = "acct-held";
    private static final String HELD_NUMBER = "+15557650031";
    private static final String MAIN = "acct-main-held";
    private static final String MAIN_NUMBER = "+15557650032";
    private static long sids = 0x9000;
    private static StandInAccount subaccount;

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void anAccountHeldByASubaccountAndOneByTheMainAccount() {
        synchronized (WebhookOwnershipFlowTest.class) {
            if (subaccount == null) {
                subaccount = TwilioStandInResource.standIn().createSubaccount(TwilioStandInResource.ACCOUNT_SID,
                        "mctb " + HELD);
                TwilioStandInResource.standIn().seedNumber(subaccount.sid(), HELD_NUMBER);
                Texts.profileHeldBy(HELD, subaccount.sid(), HELD_NUMBER);
                Texts.profileHeldBy(MAIN, null, MAIN_NUMBER);
            }
        }
        Database.awaitNumberOf(HELD, HELD_NUMBER);
        Database.awaitNumberOf(MAIN, MAIN_NUMBER);
        capture.setLevel(Level.INFO);
        Logger.getLogger("com.mctb").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("com.mctb").removeHandler(capture);
        TwilioStandInResource.standIn().stopStatusCallbacks();
    }

    @Test
    void theSubaccountsInboundTextIsAcceptedWithItsOwnTokenFetchedFromTwilio() {
        String sid = nextSid();
        Map<String, String> form = bySubaccount(TwilioWebhooks.inbound(sid, "+15552340031", HELD_NUMBER, "Is 3pm ok?"));

        signedBySubaccount("/twilio/messaging/inbound", form).then().statusCode(200);

        assertThat(Texts.events(InboundMessage.class, e -> sid.equals(e.messageSid()))).singleElement()
                .satisfies(e -> assertThat(e.accountId()).isEqualTo(HELD));
        assertThat(lines).noneMatch(l -> l.contains(subaccount.authToken()));
    }

    @Test
    void theMainAccountsInboundWebhookForTheSubaccountsNumberIsRefusedCountedAndLoggedMasked() {
        String sid = nextSid();
        double before = rejectedAccount("inbound");

        Response response = TwilioWebhooks.post("/twilio/messaging/inbound",
                TwilioWebhooks.inbound(sid, "+15552340032", HELD_NUMBER, "STOP"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.asString()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");
        assertThat(rejectedAccount("inbound")).isEqualTo(before + 1);
        String line = await().atMost(Duration.ofSeconds(5)).until(() -> lines.stream()
                .filter(l -> l.contains("does not hold that number")).findFirst().orElse(null), l -> l != null);
        assertThat(line).contains("+1555*****31").doesNotContain(HELD_NUMBER);
        assertThat(Texts.allEventsOf(HELD)).noneMatch(e -> e instanceof InboundMessage i && sid.equals(i.messageSid()));
    }

    @Test
    void theSubaccountsWebhookForAnotherAccountsNumberIsRefused() {
        double before = rejectedAccount("inbound");

        signedBySubaccount("/twilio/messaging/inbound",
                bySubaccount(TwilioWebhooks.inbound(nextSid(), "+15552340033", MAIN_NUMBER, "hi"))).then().statusCode(403);

        assertThat(rejectedAccount("inbound")).isEqualTo(before + 1);
    }

    @Test
    void aNumberMovedToTheSubaccountIsCheckedByItsNewHolderAtOnceThoughItsHolderIsRemembered() {
        String moving = "acct-moving";
        String number = "+15557650033";
        Texts.profileHeldBy(moving, null, number);
        Database.awaitNumberOf(moving, number);
        TwilioWebhooks.post("/twilio/messaging/inbound", TwilioWebhooks.inbound(nextSid(), "+15552340034", number,
                "hi")).then().statusCode(200);

        // Its holder is remembered (BusinessProfiles.HOLDERS_FOR, 10 s); applying the change forgets it.
        TwilioStandInResource.standIn().seedNumber(subaccount.sid(), number);
        Texts.profileHeldBy(moving, subaccount.sid(), number);
        await().atMost(Duration.ofSeconds(5)).until(() -> signedBySubaccount("/twilio/messaging/inbound",
                bySubaccount(TwilioWebhooks.inbound(nextSid(), "+15552340034", number, "again"))).statusCode() == 200);
        TwilioWebhooks.post("/twilio/messaging/inbound", TwilioWebhooks.inbound(nextSid(), "+15552340034", number,
                "from the old holder")).then().statusCode(403);
    }

    @Test
    void aTextIsSentUnderTheSubaccountAndItsSignedStatusCallbacksAreAcceptedAnotherAccountsAreNot() {
        // Twilio posts each text's status callbacks signed by the account it was sent from.
        TwilioStandInResource.standIn().postStatusCallbacks(TwilioStandInResource.AUTH_TOKEN,
                TwilioWebhooks.PUBLIC_BASE, "http://localhost:" + RestAssured.port, List.of("sent", "delivered"),
                Duration.ofMillis(50));
        String contact = "+15552340034";

        Texts.send(Texts.from(Texts.sms("cmd-held-1", HELD, contact, "See you at 3"), HELD_NUMBER));

        MessageAccepted accepted = Texts.event(MessageAccepted.class, "cmd-held-1");
        assertThat(Texts.sentTo(contact)).singleElement()
                .satisfies(m -> assertThat(m.accountSid()).isEqualTo(subaccount.sid()));
        assertThat(TwilioStandInResource.standIn().apiRequests()).anyMatch(r -> r.path()
                .equals("/2010-04-01/Accounts/" + subaccount.sid() + "/Messages.json") && r.status() == 201);
        await().atMost(Duration.ofSeconds(10)).until(() -> Database.status("cmd-held-1") == MessageStatus.DELIVERED);

        double before = rejectedAccount("status");
        TwilioWebhooks.post("/twilio/messaging/status",
                TwilioWebhooks.status(accepted.messageSid(), "undelivered", HELD_NUMBER, contact))
                .then().statusCode(403);
        assertThat(rejectedAccount("status")).isEqualTo(before + 1);
        assertThat(Database.status("cmd-held-1")).isEqualTo(MessageStatus.DELIVERED);
    }

    @Test
    void theMainAccountsTextsStillGoUnderItsOwnPath() {
        String contact = "+15552340035";

        Texts.send(Texts.from(Texts.sms("cmd-held-2", MAIN, contact, "Main account"), MAIN_NUMBER));

        Texts.event(MessageAccepted.class, "cmd-held-2");
        List<SentMessage> sent = Texts.sentTo(contact);
        assertThat(sent).singleElement()
                .satisfies(m -> assertThat(m.accountSid()).isEqualTo(TwilioStandInResource.ACCOUNT_SID));
    }

    private static Map<String, String> bySubaccount(Map<String, String> form) {
        form.put("AccountSid", subaccount.sid());
        return form;
    }

    private static Response signedBySubaccount(String path, Map<String, String> form) {
        return TwilioWebhooks.postSigned(path, form,
                TwilioWebhookSigner.sign(subaccount.authToken(), TwilioWebhooks.PUBLIC_BASE + path, form));
    }

    /** mctb_webhooks_total{endpoint,outcome="rejected-account"} as Prometheus scrapes it (0 before the first). */
    private static double rejectedAccount(String endpoint) {
        String metrics = RestAssured.get("/q/metrics").asString();
        Matcher m = Pattern.compile("^mctb_webhooks_total\\{endpoint=\"" + Pattern.quote(endpoint)
                + "\",outcome=\"rejected-account\"} ([0-9.E]+)$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static synchronized String nextSid() {
        return TwilioWebhooks.sid("SM", ++sids);
    }
}

package com.mctb.messaging.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.mctb.contracts.event.InboundMessage;
import com.mctb.contracts.event.MessageAccepted;
import com.mctb.contracts.event.MessageRejected;
import com.mctb.contracts.event.OptedOut;
import com.mctb.messaging.persistence.OptOuts;
import com.mctb.messaging.support.Database;
import com.mctb.messaging.support.Texts;
import com.mctb.messaging.support.TwilioWebhooks;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TwilioStandInResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class InboundTextFlowTest {

    private static final String ACCOUNT = "acct-inbound";
    private static final String NUMBER = "+15557650001";
    private static long sids = 0x1000;

    @Inject
    OptOuts optOuts;

    @BeforeAll
    static void profile() {
        Texts.profile(ACCOUNT, "Glow Aesthetics", "America/New_York", NUMBER);
    }

    @BeforeEach
    void reset() {
        TwilioStandInResource.standIn().reset();
        Database.awaitNumberOf(ACCOUNT, NUMBER);
    }

    @Test
    void stopOptsTheNumberOutAndAWorkflowTextIsThenRejected() {
        String contact = "+15552340001";
        String sid = nextSid();
        TwilioWebhooks.post("/twilio/messaging/inbound", TwilioWebhooks.inbound(sid, contact, NUMBER, "  Stop "))
                .then().statusCode(200).contentType(containsString("xml"))
                .body(equalTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>"));

        OptedOut out = Texts.events(OptedOut.class, e -> sid.equals(e.messageSid())).get(0);
        assertThat(out.optedOut()).isTrue();
        assertThat(out.keyword()).isEqualTo("STOP");
        assertThat(out.phone()).isEqualTo(contact);
        Texts.send(Texts.from(Texts.sms("cmd-in-1", ACCOUNT, contact, "Hi again"), NUMBER));

        MessageRejected rejected = Texts.event(MessageRejected.class, "cmd-in-1");
        assertThat(rejected.reason()).isEqualTo(MessageRejected.Reason.OPTED_OUT);
        assertThat(Texts.sentTo(contact)).isEmpty();

        String start = nextSid();
        TwilioWebhooks.post("/twilio/messaging/inbound", TwilioWebhooks.inbound(start, contact, NUMBER, "START"))
                .then().statusCode(200);
        assertThat(Texts.events(OptedOut.class, e -> start.equals(e.messageSid())).get(0).optedOut()).isFalse();
        Texts.send(Texts.from(Texts.sms("cmd-in-2", ACCOUNT, contact, "Welcome back"), NUMBER));
        Texts.event(MessageAccepted.class, "cmd-in-2");
        assertThat(Texts.sentTo(contact)).hasSize(1);
    }

    @Test
    void everyOptOutKeywordInAnyCaseWorksAndARepeatPublishesNothingMore() {
        List<String> keywords = List.of("STOPALL", "unsubscribe", " Cancel", "END ", "quit", "stop");
        for (int i = 0; i < keywords.size(); i++) {
            String contact = String.format("+155523401%02d", i);
            TwilioWebhooks.post("/twilio/messaging/inbound",
                    TwilioWebhooks.inbound(nextSid(), contact, NUMBER, keywords.get(i))).then().statusCode(200);
            assertThat(QuarkusTransaction.requiringNew().call(() -> optOuts.isOptedOut(ACCOUNT, contact)))
                    .as(keywords.get(i)).isTrue();
        }
        String again = nextSid();
        TwilioWebhooks.post("/twilio/messaging/inbound", TwilioWebhooks.inbound(again, "+15552340100", NUMBER, "STOP"))
                .then().statusCode(200);

        List<OptedOut> events = Texts.events(OptedOut.class, e -> e.accountId().equals(ACCOUNT)
                && e.phone().startsWith("+155523401"));
        assertThat(events).hasSize(keywords.size());
        assertThat(events).noneMatch(e -> again.equals(e.messageSid()));
    }

    @Test
    void helpIsAnsweredWithHelpTextAndNothingIsPublished() {
        String sid = nextSid();
        String twiml = TwilioWebhooks.post("/twilio/messaging/inbound",
                        TwilioWebhooks.inbound(sid, "+15552340002", NUMBER, "help"))
                .then().statusCode(200).extract().asString();

        assertThat(twiml).contains("<Message><Body>Glow Aesthetics: you reached us by text.").contains("Reply STOP");
        assertThat(Texts.allEventsOf(ACCOUNT)).noneMatch(e -> e.toString().contains(sid));
    }

    @Test
    void anOrdinaryTextBecomesOneInboundMessageEvenWhenTwilioPostsItTwice() {
        Map<String, String> form = TwilioWebhooks.inbound(nextSid(), "+15552340003", NUMBER, "Can I book for Tuesday?");

        TwilioWebhooks.post("/twilio/messaging/inbound", form).then().statusCode(200);
        TwilioWebhooks.post("/twilio/messaging/inbound", form).then().statusCode(200);

        List<InboundMessage> inbound = Texts.events(InboundMessage.class, e -> e.messageSid().equals(form.get("MessageSid")));
        assertThat(inbound).singleElement().satisfies(e -> {
            assertThat(e.accountId()).isEqualTo(ACCOUNT);
            assertThat(e.body()).isEqualTo("Can I book for Tuesday?");
            assertThat(e.from()).isEqualTo("+15552340003");
            assertThat(e.to()).isEqualTo(NUMBER);
        });
    }

    @Test
    void yesFromAContactWhoNeverOptedOutIsAnAnswerNotAnOptIn() {
        String sid = nextSid();
        TwilioWebhooks.post("/twilio/messaging/inbound", TwilioWebhooks.inbound(sid, "+15552340009", NUMBER, "Yes"))
                .then().statusCode(200);

        assertThat(Texts.events(InboundMessage.class, e -> e.messageSid().equals(sid))).singleElement()
                .satisfies(e -> assertThat(e.body()).isEqualTo("Yes"));
        assertThat(Texts.allEventsOf(ACCOUNT)).noneMatch(e -> e instanceof OptedOut o && sid.equals(o.messageSid()));
    }

    @Test
    void anUnsignedOrForgedWebhookIsRefusedAndChangesNothing() {
        String contact = "+15552340004";
        Map<String, String> form = TwilioWebhooks.inbound(nextSid(), contact, NUMBER, "STOP");

        TwilioWebhooks.postSigned("/twilio/messaging/inbound", form, null).then().statusCode(403);
        TwilioWebhooks.postSigned("/twilio/messaging/inbound", form, "bm90IGEgc2lnbmF0dXJl").then().statusCode(403);

        assertThat(QuarkusTransaction.requiringNew().call(() -> optOuts.isOptedOut(ACCOUNT, contact))).isFalse();
        assertThat(RestAssured.get("/q/metrics").asString())
                .contains("mctb_webhooks_total{endpoint=\"inbound\",outcome=\"rejected-signature\"}");
    }

    @Test
    void whatIsNotATwilioInboundTextIsABadRequest() {
        TwilioWebhooks.post("/twilio/messaging/inbound", TwilioWebhooks.inbound("SM123", "+15552340005", NUMBER, "x"))
                .then().statusCode(400).body(containsString("MessageSid"));
        TwilioWebhooks.post("/twilio/messaging/inbound", TwilioWebhooks.inbound(nextSid(), "not a number", NUMBER, "x"))
                .then().statusCode(400).body(containsString("E.164"));
        TwilioWebhooks.postSigned("/twilio/messaging/inbound", Map.of("Body", "x".repeat(70_000)), null)
                .then().statusCode(413);
    }

    @Test
    void aTextToANumberNoAccountHasIsAnsweredAndIgnored() {
        String sid = nextSid();
        TwilioWebhooks.post("/twilio/messaging/inbound", TwilioWebhooks.inbound(sid, "+15552340006", "+15559990000", "STOP"))
                .then().statusCode(200);

        assertThat(Texts.allEventsOf(ACCOUNT)).noneMatch(e -> e.toString().contains(sid));
    }

    @Test
    void whatsAppTextsNeedAnOpenSessionOrMayFallBackToSms() {
        String contact = "+15552340007";
        Texts.send(Texts.from(Texts.whatsapp("cmd-wa-1", ACCOUNT, contact, "Hi on WhatsApp", false), NUMBER));
        assertThat(Texts.event(MessageRejected.class, "cmd-wa-1").reason())
                .isEqualTo(MessageRejected.Reason.WHATSAPP_SESSION_CLOSED);

        Texts.send(Texts.from(Texts.whatsapp("cmd-wa-2", ACCOUNT, contact, "Hi by SMS instead", true), NUMBER));
        Texts.event(MessageAccepted.class, "cmd-wa-2");
        assertThat(Texts.sentTo(contact)).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo(contact);
            assertThat(m.from()).isEqualTo(NUMBER);
        });
        assertThat(Database.message("cmd-wa-2").orElseThrow().fellBackToSms).isTrue();

        String twiml = TwilioWebhooks.post("/twilio/messaging/inbound", TwilioWebhooks.inbound(nextSid(),
                "whatsapp:" + contact, "whatsapp:" + NUMBER, "Hello!")).then().statusCode(200).extract().asString();
        assertThat(twiml).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");
        Texts.send(Texts.from(Texts.whatsapp("cmd-wa-3", ACCOUNT, contact, "Now on WhatsApp", false), NUMBER));
        MessageAccepted accepted = Texts.event(MessageAccepted.class, "cmd-wa-3");
        assertThat(accepted.channel()).isEqualTo(com.mctb.contracts.event.Channel.WHATSAPP);
        assertThat(TwilioStandInResource.standIn().sentMessages()).anySatisfy(m -> {
            assertThat(m.to()).isEqualTo("whatsapp:" + contact);
            assertThat(m.from()).isEqualTo("whatsapp:" + NUMBER);
            assertThat(m.body()).isEqualTo("Now on WhatsApp");
        });
    }

    @Test
    void whenTwilioSaysTheWhatsAppSessionIsClosedTheTextFallsBackOrIsRejected() {
        // The stand-in refuses whatsapp:+1555016… with 63016, as Twilio does outside the 24-hour window.
        String contact = "+15550160009";
        TwilioWebhooks.post("/twilio/messaging/inbound", TwilioWebhooks.inbound(nextSid(), "whatsapp:" + contact,
                "whatsapp:" + NUMBER, "hi")).then().statusCode(200);

        Texts.send(Texts.from(Texts.whatsapp("cmd-wa-4", ACCOUNT, contact, "template needed", false), NUMBER));
        MessageRejected rejected = Texts.event(MessageRejected.class, "cmd-wa-4");
        assertThat(rejected.reason()).isEqualTo(MessageRejected.Reason.WHATSAPP_SESSION_CLOSED);
        assertThat(rejected.detail()).contains("63016");

        Texts.send(Texts.from(Texts.whatsapp("cmd-wa-5", ACCOUNT, contact, "as SMS then", true), NUMBER));
        MessageAccepted accepted = Texts.event(MessageAccepted.class, "cmd-wa-5");
        assertThat(accepted.channel()).isEqualTo(com.mctb.contracts.event.Channel.SMS);
        assertThat(Texts.sentTo(contact)).singleElement().satisfies(m -> assertThat(m.to()).isEqualTo(contact));
    }

    @Test
    void aStopOnWhatsAppIsConfirmedThereBecauseTwilioDoesNotHandleIt() {
        String twiml = TwilioWebhooks.post("/twilio/messaging/inbound", TwilioWebhooks.inbound(nextSid(),
                        "whatsapp:+15552340008", "whatsapp:" + NUMBER, "stop"))
                .then().statusCode(200).extract().asString();

        assertThat(twiml).contains("<Body>Glow Aesthetics: you are unsubscribed");
    }

    private static synchronized String nextSid() {
        return TwilioWebhooks.sid("SM", sids++);
    }
}

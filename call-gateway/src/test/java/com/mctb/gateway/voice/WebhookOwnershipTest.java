package com.mctb.gateway.voice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mctb.contracts.Topics;
import com.mctb.contracts.event.CallSettingsChanged;
import com.mctb.contracts.event.VoicemailRecorded;
import com.mctb.contracts.json.EventJson;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TopicProbe;
import com.mctb.testkit.TwilioStandInResource;
import com.mctb.twilio.standin.StandInAccount;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
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
 * A voice webhook is accepted only from the Twilio account that holds its number (CallSettingsChanged.twilioAccountSid;
 * none: the platform's main account), signed with that account's token, which the gateway fetches through Twilio's
 * Accounts resource for a subaccount it has no token of. Another account's validly signed webhook is refused (403),
 * counted as rejected-account and logged with the number masked.
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class WebhookOwnershipTest {

    /** Held by a subaccount the gateway has no configured token of. */
    private static final String SUB_NUMBER = "+15550100042";
    private static final String CALLER = KnownNumbers.CALLER;

    private static StandInAccount subaccount;

    @TestHTTPResource("/")
    URL gateway;

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
    void aNumberHeldByASubaccountIsKnown() {
        KnownNumbers.publishAndAwait();
        synchronized (WebhookOwnershipTest.class) {
            if (subaccount == null) {
                subaccount = TwilioStandInResource.standIn().createSubaccount(TwilioStandInResource.ACCOUNT_SID,
                        "mctb owned");
                TwilioStandInResource.standIn().seedNumber(subaccount.sid(), SUB_NUMBER);
                TopicProbe.send(Topics.SETTINGS_CALL, "owned/" + SUB_NUMBER, EventJson.encode(new CallSettingsChanged(
                        "owned", SUB_NUMBER, "Owned Salon", 11, List.of("+15550004444"), null, true, false, null, 1,
                        Instant.now(), subaccount.sid())));
                // Known once the gateway's copy has it: a call to it is no longer "no account owns this number".
                await().atMost(Duration.ofSeconds(20)).until(() -> signedBySubaccount(
                        "/twilio/voice/incoming", Webhooks.call(Webhooks.callSid(90_000), CALLER, SUB_NUMBER))
                        .statusCode() == 200);
            }
        }
        TwilioStandInResource.standIn().redirectRecordingCallbacks(Webhooks.PUBLIC_BASE,
                gateway.toString().replaceAll("/$", ""));
        capture.setLevel(Level.INFO);
        Logger.getLogger("com.mctb").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("com.mctb").removeHandler(capture);
    }

    @Test
    void theSubaccountHoldingTheNumberIsAcceptedWithItsOwnTokenFetchedFromTwilio() {
        String callSid = Webhooks.callSid(90_001);

        Response incoming = signedBySubaccount("/twilio/voice/incoming", Webhooks.call(callSid, CALLER, SUB_NUMBER));
        assertThat(incoming.statusCode()).isEqualTo(200);
        TwiMl twiml = TwiMl.parse(incoming.asString());
        assertThat(twiml.one("Dial").getAttribute("timeout")).isEqualTo("11");
        assertThat(twiml.one("Number").getTextContent()).isEqualTo("+15550004444");

        Response missed = signedBySubaccount("/twilio/voice/dial-complete",
                Webhooks.dialComplete(callSid, CALLER, SUB_NUMBER, "no-answer"));
        assertThat(missed.statusCode()).isEqualTo(200);
        assertThat(KnownNumbers.missedCalls(callSid, 1)).singleElement()
                .satisfies(m -> assertThat(m.accountId()).isEqualTo("owned"));

        // Twilio posts the recording's callback signed by the subaccount, with its AccountSid.
        var record = TwiMl.parse(missed.asString()).one("Record");
        String recording = TwilioStandInResource.standIn().recordVoicemail(callSid, CALLER, SUB_NUMBER, 2, null,
                record.getAttribute("recordingStatusCallback"), null);
        assertThat(TopicProbe.readUntil(Topics.CALLS_VOICEMAIL, rs -> rs.stream().anyMatch(r -> r.value()
                .contains(recording)), Duration.ofSeconds(20), Duration.ZERO).stream()
                .filter(r -> r.value().contains(recording)).map(r -> EventJson.decode(r.value(), VoicemailRecorded.class)))
                .singleElement().satisfies(v -> assertThat(v.accountId()).isEqualTo("owned"));
    }

    @Test
    void theMainAccountsValidWebhookForASubaccountsNumberIsRefusedCountedAndLoggedMasked() {
        String callSid = Webhooks.callSid(90_002);
        double before = rejectedAccount("incoming");

        // AccountSid is the main account's and the signature its valid one: but the main account does not hold To.
        Response response = Webhooks.post("/twilio/voice/incoming", Webhooks.call(callSid, CALLER, SUB_NUMBER));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.asString()).doesNotContain("Exception").doesNotContain("at com.");
        assertThat(TwiMl.parse(response.asString()).verbs()).isEmpty();
        assertThat(rejectedAccount("incoming")).isEqualTo(before + 1);
        String line = await().atMost(Duration.ofSeconds(5)).until(() -> lines.stream()
                .filter(l -> l.contains("does not hold that number")).findFirst().orElse(null), l -> l != null);
        assertThat(line).contains("+1555*****42").contains(TwilioStandInResource.ACCOUNT_SID)
                .doesNotContain(SUB_NUMBER);
        assertThat(lines).noneMatch(l -> l.contains(subaccount.authToken()));
    }

    @Test
    void aSubaccountsValidWebhookForAnotherAccountsNumberIsRefusedAndPublishesNothing() {
        String callSid = Webhooks.callSid(90_003);
        double before = rejectedAccount("dial-complete");

        // Validly signed by the subaccount, about Glow's number (held by the main account): refused.
        Response response = signedBySubaccount("/twilio/voice/dial-complete",
                Webhooks.dialComplete(callSid, CALLER, KnownNumbers.GLOW, "no-answer"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(rejectedAccount("dial-complete")).isEqualTo(before + 1);
        assertThat(KnownNumbers.missedCalls(callSid, 0)).isEmpty();
    }

    @Test
    void theSubaccountsAccountSidSignedWithAnotherTokenIsASignatureRefusal() {
        Map<String, String> params = Webhooks.call(Webhooks.callSid(90_004), CALLER, SUB_NUMBER);
        params.put("AccountSid", subaccount.sid());
        double before = rejectedAccount("incoming");

        // The main account's token is not the subaccount's: Twilio signs a subaccount's webhooks with its own.
        Response response = Webhooks.postSigned("/twilio/voice/incoming", params, Webhooks.TOKEN);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(rejectedAccount("incoming")).isEqualTo(before);
    }

    private static Response signedBySubaccount(String path, Map<String, String> params) {
        params.put("AccountSid", subaccount.sid());
        return Webhooks.postSigned(path, params, subaccount.authToken());
    }

    /** mctb_webhooks_total{endpoint,outcome="rejected-account"} as Prometheus scrapes it (0 before the first). */
    private static double rejectedAccount(String endpoint) {
        String metrics = given().get("/q/metrics").asString();
        Matcher m = Pattern.compile("^mctb_webhooks_total\\{endpoint=\"" + Pattern.quote(endpoint)
                + "\",outcome=\"rejected-account\"} ([0-9.E]+)$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}

package com.mctb.twilio.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.Local;
import com.twilio.security.RequestValidator;
import com.twilio.type.PhoneNumber;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Accounts, AvailablePhoneNumbers and IncomingPhoneNumbers resources of a strict stand-in (started with the
 * platform's credentials), through the real Twilio SDK. After each test, every request it made and every JSON it was
 * answered is checked against Twilio's OpenAPI description.
 */
class AccountsAndNumbersTest {

    private static final String PLATFORM = "AC" + "0".repeat(31) + "1";
    private static final String PLATFORM_TOKEN = "platform-token";
    private static final TwilioApiDescription TWILIO = TwilioApiDescription.load();

    private static TwilioApiStandIn standIn;
    private static TwilioRestClient platform;
    private int trafficBefore;

    @BeforeAll
    static void start() {
        standIn = TwilioApiStandIn.start(0, PLATFORM, PLATFORM_TOKEN);
        platform = SdkClients.client(standIn, PLATFORM, PLATFORM_TOKEN);
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    @BeforeEach
    void mark() {
        standIn.reset();
        trafficBefore = standIn.apiRequests().size();
    }

    @AfterEach
    void everyRequestAndAnswerIsOneTwiliosDescriptionDefines() {
        List<ApiRequest> traffic = standIn.apiRequests().subList(trafficBefore, standIn.apiRequests().size()).stream()
                .filter(r -> r.status() != 0).toList();
        assertThat(traffic).as("the test talked to the stand-in").isNotEmpty();
        assertThat(TWILIO.check(traffic)).isEmpty();
    }

    @Test
    void aSubaccountHasItsOwnTokenAndIsFetchedAndListedByItsOwner() {
        Account sub = Account.creator().setFriendlyName("mctb acct-1").create(platform);

        assertThat(sub.getSid()).matches("AC[0-9a-f]{32}").isNotEqualTo(PLATFORM);
        assertThat(sub.getAuthToken()).isNotBlank().isNotEqualTo(PLATFORM_TOKEN);
        assertThat(sub.getOwnerAccountSid()).isEqualTo(PLATFORM);
        assertThat(sub.getFriendlyName()).isEqualTo("mctb acct-1");
        assertThat(Account.fetcher(sub.getSid()).fetch(platform).getFriendlyName()).isEqualTo("mctb acct-1");
        assertThat(Account.reader().read(platform)).extracting(Account::getSid).contains(PLATFORM, sub.getSid());
        TwilioRestClient asSub = SdkClients.client(standIn, sub.getSid(), sub.getAuthToken());
        assertThat(Account.fetcher(sub.getSid()).fetch(asSub).getSid()).isEqualTo(sub.getSid());
        assertThat(Account.reader().read(asSub)).extracting(Account::getSid).containsExactly(sub.getSid());
    }

    @Test
    void aSubaccountPathTakesItsOwnTokenOrTheOwnersAndNobodyElses() {
        StandInAccount sub = standIn.createSubaccount(PLATFORM, "mine");
        StandInAccount other = standIn.createSubaccount(PLATFORM, "another");

        assertThat(IncomingPhoneNumber.reader(sub.sid()).read(platform)).isEmpty();
        assertThat(IncomingPhoneNumber.reader(sub.sid()).read(SdkClients.client(standIn, sub.sid(), sub.authToken())))
                .isEmpty();
        assertThatThrownBy(() -> IncomingPhoneNumber.reader(sub.sid())
                .read(SdkClients.client(standIn, other.sid(), other.authToken())).iterator().hasNext())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20003));
        assertThatThrownBy(() -> Account.creator().create(SdkClients.client(standIn, PLATFORM, "wrong")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(401));
        assertThatThrownBy(() -> Account.fetcher(other.sid()).fetch(SdkClients.client(standIn, sub.sid(), sub.authToken())))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    }

    @Test
    void searchesTheSeededPoolByAreaCodeAndPattern() {
        List<Local> sf = Local.reader(PLATFORM, "US").setAreaCode(415).setPageSize(5L).firstPage(platform).getRecords();

        assertThat(sf).hasSize(5).allSatisfy(n -> {
            assertThat(n.getPhoneNumber().getEndpoint()).matches("\\+14155550[1][0-9]{2}");
            assertThat(n.getLocality()).isEqualTo("San Francisco");
            assertThat(n.getRegion()).isEqualTo("CA");
            assertThat(n.getIsoCountry()).isEqualTo("US");
            assertThat(n.getCapabilities().getVoice()).isTrue();
            assertThat(n.getCapabilities().getSms()).isTrue();
        });
        assertThat(sf.get(0).getFriendlyName().getEndpoint()).matches("\\(415\\) 555-01\\d\\d");
        assertThat(Local.reader(PLATFORM, "US").setAreaCode(212).setContains("0142").read(platform))
                .extracting(n -> n.getPhoneNumber().getEndpoint()).containsExactly("+12125550142");
        assertThat(Local.reader(PLATFORM, "US").setAreaCode(999).read(platform)).isEmpty();
        assertThat(Local.reader(PLATFORM, "CA").setAreaCode(416).setPageSize(1L).firstPage(platform).getRecords())
                .singleElement().satisfies(n -> assertThat(n.getIsoCountry()).isEqualTo("CA"));
        assertThatThrownBy(() -> Local.reader(PLATFORM, "ZZ").firstPage(platform))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    }

    @Test
    void buysConfiguresListsUpdatesAndReleasesANumberOfASubaccount() {
        StandInAccount sub = standIn.createSubaccount(PLATFORM, "buyer");

        IncomingPhoneNumber bought = IncomingPhoneNumber.creator(sub.sid(), new PhoneNumber("+13125550111"))
                .setVoiceUrl("https://hooks.example/twilio/voice/incoming").setVoiceMethod(HttpMethod.POST)
                .setStatusCallback("https://hooks.example/twilio/voice/status").setStatusCallbackMethod(HttpMethod.POST)
                .setSmsUrl("https://sms.example/twilio/messaging/inbound").setSmsMethod(HttpMethod.POST)
                .setFriendlyName("mctb acct-2").create(platform);

        assertThat(bought.getSid()).matches("PN[0-9a-f]{32}");
        assertThat(bought.getAccountSid()).isEqualTo(sub.sid());
        assertThat(bought.getVoiceUrl().toString()).isEqualTo("https://hooks.example/twilio/voice/incoming");
        assertThat(standIn.number("+13125550111")).get().satisfies(n -> {
            assertThat(n.accountSid()).isEqualTo(sub.sid());
            assertThat(n.statusCallback()).isEqualTo("https://hooks.example/twilio/voice/status");
            assertThat(n.smsUrl()).isEqualTo("https://sms.example/twilio/messaging/inbound");
            assertThat(n.voiceMethod()).isEqualTo("POST");
        });
        assertThat(Local.reader(PLATFORM, "US").setAreaCode(312).setContains("0111").read(platform)).isEmpty();
        assertThat(IncomingPhoneNumber.reader(sub.sid()).setPhoneNumber("+13125550111").read(platform))
                .extracting(IncomingPhoneNumber::getSid).containsExactly(bought.getSid());
        assertThat(IncomingPhoneNumber.reader(PLATFORM).setPhoneNumber("+13125550111").read(platform)).isEmpty();

        IncomingPhoneNumber updated = IncomingPhoneNumber.updater(sub.sid(), bought.getSid())
                .setVoiceUrl("https://hooks.example/elsewhere").update(platform);
        assertThat(updated.getVoiceUrl().toString()).isEqualTo("https://hooks.example/elsewhere");
        assertThat(IncomingPhoneNumber.fetcher(sub.sid(), bought.getSid()).fetch(platform).getSmsUrl().toString())
                .isEqualTo("https://sms.example/twilio/messaging/inbound");

        assertThat(IncomingPhoneNumber.deleter(sub.sid(), bought.getSid()).delete(platform)).isTrue();
        assertThat(standIn.number("+13125550111")).isEmpty();
        assertThat(Local.reader(PLATFORM, "US").setAreaCode(312).setContains("0111").read(platform)).hasSize(1);
    }

    @Test
    void aNumberNotAvailableIsRefusedWith21422() {
        standIn.seedNumber("AC" + "e".repeat(32), "+15125550177");

        assertThatThrownBy(() -> IncomingPhoneNumber.creator(PLATFORM, new PhoneNumber("+15125550177")).create(platform))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(21422);
                    assertThat(e.getMessage()).contains("+15125550177");
                });
        assertThatThrownBy(() -> IncomingPhoneNumber.creator(PLATFORM, new PhoneNumber("+12025550123")).create(platform))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21422));
        standIn.refuseNextPurchases(1, 400, 21422);
        assertThatThrownBy(() -> IncomingPhoneNumber.creator(PLATFORM, new PhoneNumber("+15125550178")).create(platform))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21422));
        assertThat(standIn.number("+15125550178")).isEmpty();
    }

    @Test
    void aSeededNumberIsListedAsTheAccountsAndCanBeEditedAsInTheConsole() {
        StandInAccount sub = standIn.createSubaccount(PLATFORM, "importer");
        HeldNumber seeded = standIn.seedNumber(sub.sid(), "+12065550150");

        assertThat(IncomingPhoneNumber.reader(sub.sid()).setPhoneNumber("+12065550150").read(platform))
                .singleElement().satisfies(n -> {
                    assertThat(n.getSid()).isEqualTo(seeded.sid());
                    assertThat(n.getVoiceUrl()).isNull();
                });
        standIn.editNumber("+12065550150", Map.of("VoiceUrl", "https://someone.else/voice"));
        assertThat(IncomingPhoneNumber.fetcher(sub.sid(), seeded.sid()).fetch(platform).getVoiceUrl().toString())
                .isEqualTo("https://someone.else/voice");
    }

    @Test
    void unreachableResetsConnectionsAndAStalledPurchaseMayStillBeTaken() {
        standIn.numbersUnreachable(true);
        assertThatThrownBy(() -> Local.reader(PLATFORM, "US").firstPage(platform))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isNull())
                .hasRootCauseInstanceOf(java.net.SocketException.class);
        standIn.numbersUnreachable(false);

        standIn.stallNextPurchase(Duration.ofMillis(1_500), true);
        TwilioRestClient impatient = SdkClients.client(standIn, PLATFORM, PLATFORM_TOKEN, 500);
        assertThatThrownBy(() -> IncomingPhoneNumber.creator(PLATFORM, new PhoneNumber("+13055550160")).create(impatient))
                .hasRootCauseInstanceOf(java.net.SocketTimeoutException.class);
        assertThat(standIn.number("+13055550160")).get().satisfies(n -> assertThat(n.accountSid()).isEqualTo(PLATFORM));
    }

    @Test
    void messagesGoOutUnderASubaccountPathWithTheOwnersCredentialsFromItsOwnNumberOnly() {
        StandInAccount sub = standIn.createSubaccount(PLATFORM, "texter");
        standIn.seedNumber(sub.sid(), "+14155550190");

        Message sent = Message.creator(sub.sid(), new PhoneNumber("+15551230001"), new PhoneNumber("+14155550190"), "hi")
                .create(platform);
        assertThat(sent.getAccountSid()).isEqualTo(sub.sid());
        assertThat(Message.reader(sub.sid()).setTo("+15551230001").read(platform)).extracting(Message::getSid)
                .contains(sent.getSid());
        assertThatThrownBy(() -> Message.creator(PLATFORM, new PhoneNumber("+15551230001"),
                new PhoneNumber("+14155550190"), "not yours").create(platform))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21606));
        assertThatThrownBy(() -> Message.creator(sub.sid(), new PhoneNumber("+15551230001"),
                new PhoneNumber("+14155550190"), "x").create(SdkClients.client(standIn, PLATFORM, "wrong")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20003));
    }

    @Test
    void callsTextsAndStatusCallbacksAreSignedWithTheTokenOfTheAccountHoldingTheNumber() throws Exception {
        StandInAccount sub = standIn.createSubaccount(PLATFORM, "signed");
        standIn.seedNumber(sub.sid(), "+14155550191");
        List<String> accepted = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        RequestValidator subValidator = new RequestValidator(sub.authToken());
        server.createContext("/", exchange -> {
            Map<String, String> form = MessagesApi.formParams(new String(exchange.getRequestBody().readAllBytes()));
            String url = "https://hooks.example" + exchange.getRequestURI();
            boolean valid = subValidator.validate(url, form, exchange.getRequestHeaders().getFirst("X-Twilio-Signature"));
            accepted.add(exchange.getRequestURI().getPath() + " " + form.get("AccountSid").equals(sub.sid()) + " " + valid);
            byte[] twiml = "<Response/>".getBytes();
            exchange.sendResponseHeaders(valid ? 200 : 403, twiml.length);
            exchange.getResponseBody().write(twiml);
            exchange.close();
        });
        server.start();
        try {
            String local = "http://127.0.0.1:" + server.getAddress().getPort();
            standIn.redirectWebhooks("https://hooks.example", local);
            standIn.editNumber("+14155550191", Map.of("VoiceUrl", "https://hooks.example/voice",
                    "SmsUrl", "https://hooks.example/sms"));
            standIn.postStatusCallbacks("not-the-subaccounts-token", "https://hooks.example", local,
                    List.of("sent"), Duration.ofMillis(10));

            WebhookAnswer call = standIn.ring("+15551230009", "+14155550191");
            WebhookAnswer text = standIn.text("+15551230009", "+14155550191", "hello");
            Message.creator(sub.sid(), new PhoneNumber("+15551230009"), new PhoneNumber("+14155550191"), "x")
                    .setStatusCallback("https://hooks.example/status").create(platform);

            assertThat(call.status()).isEqualTo(200);
            assertThat(call.body()).isEqualTo("<Response/>");
            assertThat(text.status()).isEqualTo(200);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> accepted.size() == 3);
            assertThat(accepted).containsExactlyInAnyOrder("/voice true true", "/sms true true", "/status true true");
        } finally {
            standIn.stopStatusCallbacks();
            server.stop(0);
        }
    }
}

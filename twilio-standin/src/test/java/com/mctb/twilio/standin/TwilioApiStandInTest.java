package com.mctb.twilio.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import com.sun.net.httpserver.HttpServer;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.security.RequestValidator;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TwilioApiStandInTest {

    private static TwilioApiStandIn standIn;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        standIn = TwilioApiStandIn.start(0);
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    @BeforeEach
    void reset() {
        standIn.reset();
    }

    @Test
    void answersLikeTheMessagesApiAndRecordsTheRequest() throws Exception {
        HttpResponse<String> response = send("To=%2B15551230001&From=%2B15557654321&Body=Hi+%22Dana%22+%F0%9F%91%8B");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode message = JSON.readTree(response.body());
        assertThat(message.get("sid").asText()).startsWith("SM").hasSize(34);
        assertThat(message.get("status").asText()).isEqualTo("queued");
        assertThat(message.get("body").asText()).isEqualTo("Hi \"Dana\" \uD83D\uDC4B");
        assertThat(standIn.sentMessages()).singleElement().satisfies(sent -> {
            assertThat(sent.to()).isEqualTo("+15551230001");
            assertThat(sent.from()).isEqualTo("+15557654321");
            assertThat(sent.accountSid()).isEqualTo("ACtest");
            assertThat(sent.sid()).isEqualTo(message.get("sid").asText());
        });
    }

    @Test
    void aLenientStandInKeepsTheCallersOwnAccountOpenAndGuardsASubaccountsPath() throws Exception {
        StandInAccount sub = standIn.createSubaccount("ACtest", "lenient sub");

        assertThat(send("To=%2B15551230001&From=%2B15557654321&Body=main").statusCode()).isEqualTo(201);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/2010-04-01/Accounts/ACtest/Messages.json"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("To=%2B15551230001&From=%2B15557654321&Body=x")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("no credentials, the caller's own account").isEqualTo(201);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/2010-04-01/Accounts/" + sub.sid()
                        + "/Messages.json"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("To=%2B15551230001&From=%2B15557654321&Body=x")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("no credentials, a subaccount").isEqualTo(401);
        Message viaOwner = Message.creator(sub.sid(), new com.twilio.type.PhoneNumber("+15551230001"),
                new com.twilio.type.PhoneNumber("+15557654321"), "as the owner").create(sdkClient());
        assertThat(viaOwner.getAccountSid()).isEqualTo(sub.sid());
    }

    @Test
    void injectedFailuresAnswerTwilioErrorsAndRecordNothing() throws Exception {
        standIn.failNext(2, 429);

        assertThat(send("To=%2B15551230001&From=%2B15557654321&Body=x").statusCode()).isEqualTo(429);
        HttpResponse<String> second = send("To=%2B15551230001&From=%2B15557654321&Body=x");
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(second.body()).get("code").asInt()).isEqualTo(20429);
        assertThat(send("To=%2B15551230001&From=%2B15557654321&Body=x").statusCode()).isEqualTo(201);
        assertThat(standIn.sentMessages()).hasSize(1);
    }

    @Test
    void aMissingToIsTwilioError21604() throws Exception {
        HttpResponse<String> response = send("From=%2B15557654321&Body=x");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("code").asInt()).isEqualTo(21604);
    }

    @Test
    void aWhatsAppRecipientWithoutSessionIsTwilioError63016() throws Exception {
        HttpResponse<String> response = send("To=whatsapp%3A%2B15550160001&From=whatsapp%3A%2B15557654321&Body=x");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("code").asInt()).isEqualTo(63016);
        assertThat(standIn.sentMessages()).isEmpty();
    }

    @Test
    void theControlApiListsMessagesOverHttp() throws Exception {
        send("To=%2B15551230001&From=%2B15557654321&Body=hello");

        HttpResponse<String> list = HTTP.send(HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/stand-in/messages"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        JsonNode messages = JSON.readTree(list.body());
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).get("params").get("Body").asText()).isEqualTo("hello");
        assertThat(messages.get(0).get("receivedAtEpochNanos").asLong()).isPositive();
    }

    @Test
    void listsAndFetchesMessagesTheWayTheSdkReadsThem() throws Exception {
        send("To=%2B15551230001&From=%2B15557654321&Body=first");
        send("To=%2B15551230001&From=%2B15557654321&Body=second");
        send("To=%2B15551230002&From=%2B15557654321&Body=other");
        TwilioRestClient client = sdkClient();

        List<Message> read = Message.reader("ACtest").setTo("+15551230001").setFrom("+15557654321").setPageSize(20L)
                .firstPage(client).getRecords();

        assertThat(read).extracting(Message::getBody).containsExactly("second", "first");
        assertThat(read.get(0).getDateCreated()).isNotNull();
        Message fetched = Message.fetcher("ACtest", read.get(1).getSid()).fetch(client);
        assertThat(fetched.getBody()).isEqualTo("first");
        assertThat(standIn.apiRequests()).extracting(ApiRequest::method).contains("POST", "GET");
        assertThat(standIn.apiRequests()).anySatisfy(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.params()).containsEntry("To", List.of("+15551230001")).containsEntry("PageSize", List.of("20"));
        });
    }

    @Test
    void theListIsFilteredByDateSentAsTheSdkSendsIt() throws Exception {
        send("To=%2B15551230001&From=%2B15557654321&Body=now");
        TwilioRestClient client = sdkClient();
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC);

        // The SDK writes DateSent> as yyyy-MM-dd'T'HH:mm:ss, without an offset (GMT).
        assertThat(Message.reader("ACtest").setTo("+15551230001").setDateSentAfter(now.minusMinutes(2))
                .firstPage(client).getRecords()).extracting(Message::getBody).containsExactly("now");
        assertThat(Message.reader("ACtest").setTo("+15551230001").setDateSentAfter(now.plusMinutes(2))
                .firstPage(client).getRecords()).isEmpty();
    }

    @Test
    void readsOfTheListCanBeToldToFail() {
        standIn.failReadsNext(1, 401);
        TwilioRestClient client = sdkClient();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Message.reader("ACtest").firstPage(client))
                .isInstanceOf(com.twilio.exception.ApiException.class);
        assertThat(Message.reader("ACtest").firstPage(client).getRecords()).isEmpty();
    }

    @Test
    void aStalledRequestIsAnsweredTooLateButMayStillBeTaken() {
        standIn.stallNext(1, Duration.ofMillis(1_500), true);
        TwilioRestClient client = SdkClients.client(standIn, "ACtest", "token", 500);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Message.creator("ACtest",
                        new com.twilio.type.PhoneNumber("+15551230001"), new com.twilio.type.PhoneNumber("+15557654321"), "late")
                .create(client)).hasRootCauseInstanceOf(java.net.SocketTimeoutException.class);

        assertThat(standIn.sentMessages()).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("late"));
    }

    @Test
    void a502AfterCreateLeavesTheMessageTakenListedAndFetchable() throws Exception {
        HttpResponse<String> control = control("/stand-in/failures", "{\"status\":502,\"rate\":1.0,\"afterCreate\":true}");
        assertThat(control.statusCode()).isEqualTo(200);

        HttpResponse<String> answer = send("To=%2B15551230001&From=%2B15557654321&Body=taken+anyway");

        assertThat(answer.statusCode()).isEqualTo(502);
        assertThat(JSON.readTree(answer.body()).path("status").asInt()).isEqualTo(502);
        assertThat(standIn.sentMessages()).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("taken anyway"));
        String sid = standIn.sentMessages().get(0).sid();
        var listed = Message.reader("ACtest").setTo(new com.twilio.type.PhoneNumber("+15551230001"))
                .firstPage(sdkClient()).getRecords();
        assertThat(listed).extracting(Message::getSid).containsExactly(sid);
        assertThat(Message.fetcher("ACtest", sid).fetch(sdkClient()).getBody()).isEqualTo("taken anyway");
        assertThat(standIn.ambiguousAnswers()).containsEntry("failedAfterCreate", 1L);

        control("/stand-in/failures", "{\"status\":502,\"rate\":0,\"afterCreate\":true}");
        assertThat(send("To=%2B15551230002&From=%2B15557654321&Body=fine").statusCode()).isEqualTo(201);
        assertThat(control("/stand-in/failures", "{\"status\":429,\"rate\":0.5,\"afterCreate\":true}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void aShareOfCreatesIsStalledPastTheClientTimeoutAndTakenAllTheSame() throws Exception {
        assertThat(control("/stand-in/stalls", "{\"rate\":1.0,\"millis\":1500,\"accept\":true}").statusCode()).isEqualTo(200);
        TwilioRestClient client = SdkClients.client(standIn, "ACtest", "token", 500);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Message.creator("ACtest",
                        new com.twilio.type.PhoneNumber("+15551230001"), new com.twilio.type.PhoneNumber("+15557654321"), "late")
                .create(client)).hasRootCauseInstanceOf(java.net.SocketTimeoutException.class);

        assertThat(standIn.sentMessages()).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("late"));
        assertThat(JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/stand-in/stalls"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body()).path("stalled").asLong()).isEqualTo(1);
        assertThat(control("/stand-in/stalls", "{\"rate\":2}").statusCode()).isEqualTo(400);
        control("/stand-in/stalls", "{\"rate\":0}");
        assertThat(send("To=%2B15551230002&From=%2B15557654321&Body=prompt").statusCode()).isEqualTo(201);
    }

    private static HttpResponse<String> control(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(standIn.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRateLimitedSenderIsRefusedPastItsRate() throws Exception {
        standIn.limitRate("+15557654321", 3);

        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(send("To=%2B15551230001&From=%2B15557654321&Body=burst").statusCode());
        }
        assertThat(send("To=%2B15551230001&From=%2B15550001111&Body=other+sender").statusCode()).isEqualTo(201);

        assertThat(statuses).containsExactly(201, 201, 201, 429, 429);
        assertThat(standIn.rateRefusals()).isEqualTo(2);
    }

    @Test
    void postsSignedStatusCallbacksInOrder() throws Exception {
        List<Map<String, String>> received = new CopyOnWriteArrayList<>();
        List<Boolean> valid = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        RequestValidator validator = new RequestValidator("callback-token");
        server.createContext("/", exchange -> {
            Map<String, String> form = MessagesApi.formParams(new String(exchange.getRequestBody().readAllBytes()));
            valid.add(validator.validate("https://hooks.example/status?m=1", form,
                    exchange.getRequestHeaders().getFirst("X-Twilio-Signature")));
            received.add(form);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            standIn.postStatusCallbacks("callback-token", "https://hooks.example",
                    "http://127.0.0.1:" + server.getAddress().getPort(), List.of("sent", "delivered"), Duration.ofMillis(50));
            send("To=%2B15551230001&From=%2B15557654321&Body=x&StatusCallback=https%3A%2F%2Fhooks.example%2Fstatus%3Fm%3D1");

            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
            assertThat(received).extracting(f -> f.get("MessageStatus")).containsExactly("sent", "delivered");
            assertThat(received.get(0).get("MessageSid")).isEqualTo(standIn.sentMessages().get(0).sid());
            assertThat(valid).containsExactly(true, true);
        } finally {
            standIn.stopStatusCallbacks();
            server.stop(0);
        }
    }

    private static TwilioRestClient sdkClient() {
        return SdkClients.client(standIn, "ACtest", "token");
    }

    private static HttpResponse<String> send(String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/2010-04-01/Accounts/ACtest/Messages.json"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("ACtest:token".getBytes()))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

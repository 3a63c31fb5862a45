package com.mctb.twilio.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
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
    void theControlApiListsMessagesOverHttp() throws Exception {
        send("To=%2B15551230001&From=%2B15557654321&Body=hello");

        HttpResponse<String> list = HTTP.send(HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/stand-in/messages"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        JsonNode messages = JSON.readTree(list.body());
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).get("params").get("Body").asText()).isEqualTo("hello");
        assertThat(messages.get(0).get("receivedAtEpochNanos").asLong()).isPositive();
    }

    private static HttpResponse<String> send(String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/2010-04-01/Accounts/ACtest/Messages.json"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("ACtest:token".getBytes()))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

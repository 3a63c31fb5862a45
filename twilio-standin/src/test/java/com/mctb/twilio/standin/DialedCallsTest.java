package com.mctb.twilio.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The child call of an answered {@code <Dial>} (its {@code DialCallSid}), fetched through the Twilio SDK from a strict
 * stand-in as Twilio's Call resource: who it rang and whose leg it was, to the account's credentials only; every
 * request and answer is one Twilio's OpenAPI description defines.
 */
class DialedCallsTest {

    private static final String PLATFORM = "AC" + "0".repeat(31) + "1";
    private static final String PLATFORM_TOKEN = "platform-token";
    private static final String PARENT = "CA" + "1".repeat(32);
    private static final TwilioApiDescription TWILIO = TwilioApiDescription.load();
    private static TwilioApiStandIn standIn;

    @BeforeAll
    static void start() {
        standIn = TwilioApiStandIn.start(0, PLATFORM, PLATFORM_TOKEN);
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    @Test
    void theChildCallOfAnAnsweredDialSaysWhoItRangToTheAccountsCredentialsOnly() throws Exception {
        StandInAccount sub = standIn.createSubaccount(PLATFORM, "glow");
        int before = standIn.apiRequests().size();
        String child = standIn.answerDial(sub.sid(), PARENT, "+15557650003", "+15550005552", 42);
        TwilioRestClient asSub = SdkClients.client(standIn, sub.sid(), sub.authToken());

        Call call = Call.fetcher(sub.sid(), child).fetch(asSub);
        assertThat(call.getSid()).isEqualTo(child);
        assertThat(call.getTo()).isEqualTo("+15550005552");
        assertThat(call.getParentCallSid()).isEqualTo(PARENT);
        assertThat(call.getDirection()).isEqualTo("outbound-dial");
        assertThat(call.getStatus()).isEqualTo(Call.Status.COMPLETED);
        assertThat(call.getDuration()).isEqualTo("42");
        assertThat(Call.fetcher(sub.sid(), child).fetch(SdkClients.client(standIn, PLATFORM, PLATFORM_TOKEN)).getTo())
                .as("the owner's credentials").isEqualTo("+15550005552");

        assertThatThrownBy(() -> Call.fetcher(sub.sid(), child).fetch(SdkClients.client(standIn, sub.sid(), "wrong")))
                .isInstanceOf(ApiException.class).extracting(e -> ((ApiException) e).getStatusCode()).isEqualTo(401);
        assertThatThrownBy(() -> Call.fetcher(sub.sid(), "CA" + "e".repeat(32)).fetch(asSub))
                .as("a call Twilio never placed").isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).getStatusCode()).isEqualTo(404);
        StandInAccount other = standIn.createSubaccount(PLATFORM, "other");
        assertThatThrownBy(() -> Call.fetcher(other.sid(), child)
                .fetch(SdkClients.client(standIn, other.sid(), other.authToken())))
                .as("another account's call").isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).getStatusCode()).isEqualTo(404);

        List<ApiRequest> traffic = standIn.apiRequests().subList(before, standIn.apiRequests().size());
        assertThat(traffic).extracting(ApiRequest::status).containsExactly(200, 200, 401, 404, 404);
        assertThat(traffic.get(0).responseBody()).as("kept for the description's check").contains("\"to\"");
        assertThat(TWILIO.check(traffic)).isEmpty();
    }

    @Test
    void aDialedCallIsToldOverTheControlApiToo() throws Exception {
        StandInAccount sub = standIn.createSubaccount(PLATFORM, "control");
        HttpResponse<String> told = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(standIn.baseUrl() + "/stand-in/dialed-calls"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"accountSid\":\"" + sub.sid() + "\",\"parentCallSid\":\""
                        + PARENT + "\",\"to\":\"client:front-desk\",\"seconds\":3}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(told.statusCode()).isEqualTo(200);
        String child = told.body().replaceAll(".*\"callSid\":\"(CA[0-9a-f]{32})\".*", "$1");

        Call call = Call.fetcher(sub.sid(), child).fetch(SdkClients.client(standIn, sub.sid(), sub.authToken()));
        assertThat(call.getTo()).isEqualTo("client:front-desk");
        assertThat(call.getParentCallSid()).isEqualTo(PARENT);
    }
}

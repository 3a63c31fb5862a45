package com.mctb.twilio.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Recording;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A recorded call's recording through the Twilio SDK: fetched as Twilio describes it, deleted once (204, then 404). */
class CallRecordingsTest {

    private static final String ACCOUNT = "AC" + "0".repeat(31) + "7";
    private static final String TOKEN = "recordings-token";
    private static TwilioApiStandIn standIn;

    @BeforeAll
    static void start() {
        standIn = TwilioApiStandIn.start(0);
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    @Test
    void aRecordedCallIsFetchedAndDeletedWithTheAccountsCredentialsOnly() {
        String sid = standIn.recordCall(ACCOUNT, TOKEN, "CA" + "1".repeat(32), 4, Instant.now(), null);
        TwilioRestClient client = SdkClients.client(standIn, ACCOUNT, TOKEN);

        Recording fetched = Recording.fetcher(ACCOUNT, sid).fetch(client);
        assertThat(fetched.getSid()).isEqualTo(sid);
        assertThat(fetched.getChannels()).isEqualTo(2);
        assertThat(fetched.getDuration()).isEqualTo("4");
        assertThatThrownBy(() -> Recording.deleter(ACCOUNT, sid).delete(SdkClients.client(standIn, ACCOUNT, "wrong")))
                .isInstanceOf(ApiException.class).extracting(e -> ((ApiException) e).getStatusCode()).isEqualTo(401);
        assertThat(standIn.hasRecording(sid)).isTrue();

        assertThat(Recording.deleter(ACCOUNT, sid).delete(client)).isTrue();

        assertThat(standIn.hasRecording(sid)).isFalse();
        assertThatThrownBy(() -> Recording.deleter(ACCOUNT, sid).delete(client))
                .isInstanceOf(ApiException.class).extracting(e -> ((ApiException) e).getStatusCode()).isEqualTo(404);
        assertThat(standIn.apiRequests()).anySatisfy(r -> {
            assertThat(r.method()).isEqualTo("DELETE");
            assertThat(r.path()).isEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Recordings/" + sid + ".json");
            assertThat(r.status()).isEqualTo(204);
        });
    }
}

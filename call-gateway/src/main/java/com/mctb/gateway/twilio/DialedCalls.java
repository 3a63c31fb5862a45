package com.mctb.gateway.twilio;

import com.mctb.gateway.config.GatewayConfig;
import com.mctb.kit.twilio.TwilioAccounts;
import com.mctb.kit.twilio.TwilioApiHttpClient;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The legs a {@code <Dial>} placed (Twilio's child calls), fetched from Twilio's Call resource
 * ({@code GET /2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json}) through the Twilio SDK's {@code Call.fetcher}, with
 * the credentials of the Twilio account that holds our number, as {@link RecordingMedia} fetches a recording. A read:
 * the SDK's own retries of a 5xx answer are kept; a connection waits seconds, not the SDK's default half minute.
 */
@ApplicationScoped
public class DialedCalls {

    private static final Timeout WAIT = Timeout.ofSeconds(3);

    @Inject
    GatewayConfig config;

    @Inject
    TwilioAccounts accounts;

    private volatile TwilioApiHttpClient http;

    /**
     * A dialed leg as Twilio has it.
     *
     * @param to            whom it rang: E.164, or {@code client:identity}
     * @param parentCallSid the call whose {@code <Dial>} placed it
     */
    public record Dialed(String callSid, String to, String parentCallSid) {
    }

    /** Why a dialed leg could not be told. */
    public static final class NotTold extends RuntimeException {
        public NotTold(String message) {
            super(message);
        }
    }

    /**
     * The child call {@code callSid} of {@code twilioAccountSid} (null: the platform's main account).
     *
     * @throws NotTold                                    when there is no token for the account, or Twilio answers
     *                                                    an error (404: Twilio has no such call)
     * @throws com.twilio.exception.ApiConnectionException when Twilio cannot be reached
     */
    public Dialed fetch(String twilioAccountSid, String callSid) {
        String accountSid = twilioAccountSid != null ? twilioAccountSid : accounts.platformAccountSid().orElse(null);
        Optional<String> token = accountSid == null ? Optional.empty() : accounts.authToken(accountSid);
        if (token.isEmpty()) {
            throw new NotTold("no auth token for Twilio account " + accountSid);
        }
        TwilioRestClient client = new TwilioRestClient.Builder(accountSid, token.get()).httpClient(http()).build();
        try {
            Call call = Call.fetcher(accountSid, callSid).fetch(client);
            return new Dialed(call.getSid(), call.getTo(), call.getParentCallSid());
        } catch (ApiException e) {
            if (e.getStatusCode() == null) {
                throw e; // not an answer: Twilio could not be reached
            }
            throw new NotTold("Twilio answered HTTP " + e.getStatusCode() + " (code " + e.getCode() + ") for call "
                    + callSid);
        }
    }

    private TwilioApiHttpClient http() {
        if (http == null) {
            synchronized (this) {
                if (http == null) {
                    http = new TwilioApiHttpClient(config.twilioApiBaseUrl(), HttpClientBuilder.create()
                            .useSystemProperties()
                            .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(WAIT).build())
                            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                                    .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(WAIT).build())
                                    .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(WAIT)
                                            .setSocketTimeout(WAIT).build())
                                    .build()));
                }
            }
        }
        return http;
    }
}

package com.mctb.twilio.standin;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/** The Twilio SDK's REST client sent to the stand-in instead of api.twilio.com. */
final class SdkClients {

    private SdkClients() {
    }

    static TwilioRestClient client(TwilioApiStandIn standIn, String accountSid, String authToken) {
        return client(standIn, accountSid, authToken, 5_000);
    }

    static TwilioRestClient client(TwilioApiStandIn standIn, String accountSid, String authToken, int readTimeoutMillis) {
        return new TwilioRestClient.Builder(accountSid, authToken)
                .httpClient(new BaseUrlClient(standIn.baseUrl(), readTimeoutMillis)).build();
    }

    /** Rewrites https://api.twilio.com to the stand-in, with a short read timeout and no retries. */
    static final class BaseUrlClient extends NetworkHttpClient {
        private final String baseUrl;

        BaseUrlClient(String baseUrl, int readTimeoutMillis) {
            super(RequestConfig.DEFAULT, SocketConfig.custom()
                    .setSoTimeout(Timeout.ofMilliseconds(readTimeoutMillis)).build());
            this.baseUrl = baseUrl;
        }

        @Override
        public Response reliableRequest(Request request) {
            return makeRequest(request);
        }

        @Override
        public Response makeRequest(Request request) {
            Request local = new Request(request.getMethod(), request.getUrl().replace("https://api.twilio.com", baseUrl));
            // The SDK's client puts basic credentials in username/password, other schemes in the strategy: copy both.
            if (request.getUsername() != null) {
                local.setAuth(request.getUsername(), request.getPassword());
            } else if (request.getAuthStrategy() != null) {
                local.setAuth(request.getAuthStrategy());
            }
            local.setContentType(request.getContentType());
            request.getPostParams().forEach((n, vs) -> vs.forEach(v -> local.addPostParam(n, v)));
            request.getQueryParams().forEach((n, vs) -> vs.forEach(v -> local.addQueryParam(n, v)));
            return super.makeRequest(local);
        }
    }
}

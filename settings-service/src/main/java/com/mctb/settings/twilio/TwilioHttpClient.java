package com.mctb.settings.twilio;

import com.mctb.kit.tracing.Traces;
import com.mctb.kit.twilio.TwilioApiHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.time.Duration;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The Twilio SDK's own HTTP client with our timeouts, one attempt per request (the SDK would retry 5xx itself, hidden
 * from the pending-row logic) and, optionally, another base URL than https://api.twilio.com (service-kit's
 * {@link TwilioApiHttpClient}: a stand-in speaking Twilio's wire format).
 */
final class TwilioHttpClient extends TwilioApiHttpClient {

    TwilioHttpClient(String baseUrl, Duration connectTimeout, Duration readTimeout) {
        super(baseUrl, builder(connectTimeout, readTimeout));
    }

    private static HttpClientBuilder builder(Duration connectTimeout, Duration readTimeout) {
        Timeout read = Timeout.ofMilliseconds(readTimeout.toMillis());
        Timeout connect = Timeout.ofMilliseconds(connectTimeout.toMillis());
        return HttpClientBuilder.create()
                .useSystemProperties()
                .disableAutomaticRetries()
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(read).build())
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(8)
                        .setMaxConnPerRoute(8)
                        .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(read).build())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect).setSocketTimeout(read).build())
                        .build());
    }

    /** One attempt: what is unknown after it is settled by the pending rows, not by a blind retry. */
    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        String traceparent = Traces.current();
        if (traceparent != null) {
            request.addHeaderParam(Traces.TRACEPARENT, traceparent);
        }
        return super.makeRequest(request);
    }
}

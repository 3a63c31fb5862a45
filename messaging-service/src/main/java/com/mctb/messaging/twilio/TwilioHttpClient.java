package com.mctb.messaging.twilio;

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
 * The Twilio SDK's own HTTP client, configured for sending texts at volume:
 * <ul>
 *   <li>as many pooled connections as there are senders (the SDK's default is 20 per host);</li>
 *   <li>a read timeout of our choosing, past which the outcome of a request is unknown (see SendQueue);</li>
 *   <li>one attempt per request: the SDK would otherwise retry 5xx answers itself, three times, 100 ms apart, hidden
 *       from our back-off, jitter, metrics and rate limit;</li>
 *   <li>optionally another base URL than https://api.twilio.com (a stand-in that speaks its wire format). The SDK
 *       builds every URL from Twilio's domains and offers no setting for this; rewriting the request here keeps
 *       everything else the SDK does (form encoding, auth, error parsing) exactly as it is in production (service-kit's
 *       {@link TwilioApiHttpClient}).</li>
 * </ul>
 */
final class TwilioHttpClient extends TwilioApiHttpClient {

    TwilioHttpClient(String baseUrl, int connections, Duration connectTimeout, Duration readTimeout) {
        super(baseUrl, builder(connections, connectTimeout, readTimeout));
    }

    private static HttpClientBuilder builder(int connections, Duration connectTimeout, Duration readTimeout) {
        Timeout read = Timeout.ofMilliseconds(readTimeout.toMillis());
        Timeout connect = Timeout.ofMilliseconds(connectTimeout.toMillis());
        return HttpClientBuilder.create()
                .useSystemProperties()
                .disableAutomaticRetries()
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(read).build())
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(connections)
                        .setMaxConnPerRoute(connections)
                        .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(read).setSoKeepAlive(true).build())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect).setSocketTimeout(read).build())
                        .build());
    }

    /** One attempt: retries are the caller's, with back-off and jitter. */
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

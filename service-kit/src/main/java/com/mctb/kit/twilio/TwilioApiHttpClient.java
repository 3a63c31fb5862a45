package com.mctb.kit.twilio;

import com.mctb.kit.tracing.Traces;
import com.twilio.http.NetworkHttpClient;
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
 * The Twilio SDK's own HTTP client, sending to another base URL than https://api.twilio.com when one is configured (a
 * stand-in that speaks Twilio's wire format). The SDK builds every URL from Twilio's domains and offers no setting for
 * this; rewriting the request here keeps everything else the SDK does (form encoding, auth, error parsing) exactly as
 * it is in production. Each request carries the caller's trace context ({@code traceparent}) when there is one.
 */
public class TwilioApiHttpClient extends NetworkHttpClient {

    public static final String TWILIO_API = "https://api.twilio.com";

    private final String baseUrl;
    private final boolean oneAttempt;

    /** With the SDK's default HTTP client settings (and its retries of 5xx answers). */
    public TwilioApiHttpClient(String baseUrl) {
        this.baseUrl = normalised(baseUrl);
        this.oneAttempt = false;
    }

    /** With HTTP client settings of the caller's (pool size, timeouts, retries). */
    public TwilioApiHttpClient(String baseUrl, HttpClientBuilder builder) {
        super(builder);
        this.baseUrl = normalised(baseUrl);
        this.oneAttempt = false;
    }

    /**
     * For services whose requests to Twilio must be settled by their own logic (a text's back-off and jitter, a
     * number's pending row): a pool of {@code connections}, our timeouts (past the read timeout the outcome of a
     * request is unknown), and one attempt per request — the SDK would otherwise retry 5xx answers itself, three
     * times, 100 ms apart, hidden from the caller.
     */
    public static TwilioApiHttpClient oneAttempt(String baseUrl, int connections, Duration connectTimeout,
            Duration readTimeout) {
        return new TwilioApiHttpClient(baseUrl, connections, connectTimeout, readTimeout);
    }

    private TwilioApiHttpClient(String baseUrl, int connections, Duration connectTimeout, Duration readTimeout) {
        super(pooled(connections, connectTimeout, readTimeout));
        this.baseUrl = normalised(baseUrl);
        this.oneAttempt = true;
    }

    private static HttpClientBuilder pooled(int connections, Duration connectTimeout, Duration readTimeout) {
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

    private static String normalised(String baseUrl) {
        return baseUrl == null || baseUrl.isBlank() || baseUrl.startsWith(TWILIO_API) ? null
                : baseUrl.replaceAll("/+$", "");
    }

    @Override
    public Response reliableRequest(Request request) {
        return oneAttempt ? makeRequest(request) : super.reliableRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        String traceparent = Traces.current();
        if (traceparent != null) {
            request.addHeaderParam(Traces.TRACEPARENT, traceparent);
        }
        String url = request.getUrl();
        if (baseUrl == null || !url.startsWith(TWILIO_API)) {
            return super.makeRequest(request);
        }
        Request rewritten = new Request(request.getMethod(), baseUrl + url.substring(TWILIO_API.length()));
        // TwilioRestClient sets the account's credentials as a user name and password (basic auth), or a strategy.
        if (request.getUsername() != null) {
            rewritten.setAuth(request.getUsername(), request.getPassword());
        } else if (request.getAuthStrategy() != null) {
            rewritten.setAuth(request.getAuthStrategy());
        }
        rewritten.setContentType(request.getContentType());
        if (request.getBody() != null) {
            rewritten.setBody(request.getBody());
        }
        request.getPostParams().forEach((name, values) -> values.forEach(v -> rewritten.addPostParam(name, v)));
        request.getQueryParams().forEach((name, values) -> values.forEach(v -> rewritten.addQueryParam(name, v)));
        request.getHeaderParams().forEach((name, values) -> values.forEach(v -> rewritten.addHeaderParam(name, v)));
        rewritten.setUserAgentExtensions(request.getUserAgentExtensions());
        return super.makeRequest(rewritten);
    }
}

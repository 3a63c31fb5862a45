package com.mctb.settings.twilio;

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
 * The Twilio SDK's own HTTP client with our timeouts, one attempt per request (the SDK would retry 5xx itself, hidden
 * from the pending-row logic) and, optionally, another base URL than https://api.twilio.com (a stand-in speaking its
 * wire format). Copied from messaging-service's {@code TwilioHttpClient}, with one fix: the SDK's
 * {@code TwilioRestClient} puts basic credentials in {@code Request.setAuth(username, password)}, not in the auth
 * strategy, so a rewritten request must carry both or it is sent without credentials. A candidate for service-kit.
 */
final class TwilioHttpClient extends NetworkHttpClient {

    private static final String TWILIO_API = "https://api.twilio.com";

    private final String baseUrl;

    TwilioHttpClient(String baseUrl, Duration connectTimeout, Duration readTimeout) {
        super(builder(connectTimeout, readTimeout));
        this.baseUrl = baseUrl == null || baseUrl.startsWith(TWILIO_API) ? null : baseUrl.replaceAll("/+$", "");
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
        String url = request.getUrl();
        if (baseUrl == null || !url.startsWith(TWILIO_API)) {
            return super.makeRequest(request);
        }
        Request rewritten = new Request(request.getMethod(), baseUrl + url.substring(TWILIO_API.length()));
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

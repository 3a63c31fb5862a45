package com.mctb.kit.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * The Twilio SDK's own HTTP client, sending to another base URL than https://api.twilio.com when one is configured (a
 * stand-in that speaks Twilio's wire format). The SDK builds every URL from Twilio's domains and offers no setting for
 * this; rewriting the request here keeps everything else the SDK does (form encoding, auth, error parsing) exactly as
 * it is in production.
 */
public class TwilioApiHttpClient extends NetworkHttpClient {

    public static final String TWILIO_API = "https://api.twilio.com";

    private final String baseUrl;

    /** With the SDK's default HTTP client settings. */
    public TwilioApiHttpClient(String baseUrl) {
        this.baseUrl = normalised(baseUrl);
    }

    /** With HTTP client settings of the caller's (pool size, timeouts, retries). */
    public TwilioApiHttpClient(String baseUrl, HttpClientBuilder builder) {
        super(builder);
        this.baseUrl = normalised(baseUrl);
    }

    private static String normalised(String baseUrl) {
        return baseUrl == null || baseUrl.isBlank() || baseUrl.startsWith(TWILIO_API) ? null
                : baseUrl.replaceAll("/+$", "");
    }

    @Override
    public Response makeRequest(Request request) {
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

package com.mctb.messaging.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;

/**
 * The Twilio SDK's own HTTP client, sending to another base URL than https://api.twilio.com. The SDK builds every
 * URL from Twilio's domains and offers no setting for this; rewriting the request here keeps everything else the
 * SDK does (form encoding, auth, error parsing) exactly as it is in production.
 */
final class ApiBaseUrlHttpClient extends NetworkHttpClient {

    private static final String TWILIO_API = "https://api.twilio.com";

    private final String baseUrl;

    ApiBaseUrlHttpClient(String baseUrl) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    @Override
    public Response makeRequest(Request request) {
        String url = request.getUrl();
        if (!url.startsWith(TWILIO_API)) {
            return super.makeRequest(request);
        }
        Request rewritten = new Request(request.getMethod(), baseUrl + url.substring(TWILIO_API.length()));
        rewritten.setAuth(request.getAuthStrategy());
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

package com.mctb.twilio.standin;

import java.util.List;
import java.util.Map;

/**
 * One request made to the stand-in's Twilio REST API (not its control endpoints), whatever it was answered: what a
 * test checks against Twilio's OpenAPI description ({@link TwilioApiDescription}).
 *
 * @param method       GET, POST or DELETE
 * @param path         the request path without its query, e.g. {@code /2010-04-01/Accounts/AC…/Messages.json}
 * @param params       form parameters of a POST, query parameters of a GET; a name given twice keeps every value
 * @param status       the HTTP status the stand-in answered
 * @param responseBody the JSON answered, for the Accounts, AvailablePhoneNumbers, IncomingPhoneNumbers and Calls
 *                     resources (null for the Messages and Recordings resources, whose traffic is too heavy to keep)
 */
public record ApiRequest(String method, String path, Map<String, List<String>> params, int status, String responseBody) {

    public ApiRequest {
        params = Map.copyOf(params);
    }

    public ApiRequest(String method, String path, Map<String, List<String>> params, int status) {
        this(method, path, params, status, null);
    }
}

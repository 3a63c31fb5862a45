package com.mctb.gateway.voice;

import static io.restassured.RestAssured.given;

import com.mctb.twilio.standin.TwilioWebhookSigner;
import io.restassured.response.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** Posts voice webhooks signed as Twilio signs them for the gateway's public URL. */
final class Webhooks {

    static final String TOKEN = "test-auth-token";
    static final String PUBLIC_BASE = "https://hooks.gateway.test";

    private Webhooks() {
    }

    static Response post(String path, Map<String, String> params) {
        return postSigned(path, params, TOKEN);
    }

    /** Signs for the URL as Twilio would call it; a query in {@code path} must already be percent-encoded. */
    static Response postSigned(String path, Map<String, String> params, String authToken) {
        return given().urlEncodingEnabled(false)
                .contentType("application/x-www-form-urlencoded")
                .body(form(params))
                .header("X-Twilio-Signature", TwilioWebhookSigner.sign(authToken, PUBLIC_BASE + path, params))
                .post(path);
    }

    private static String form(Map<String, String> params) {
        StringBuilder body = new StringBuilder();
        params.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&")
                .append(java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)).append('=')
                .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)));
        return body.toString();
    }

    static Map<String, String> call(String callSid, String from, String to) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", com.mctb.testkit.TwilioStandInResource.ACCOUNT_SID);
        params.put("CallSid", callSid);
        params.put("From", from);
        params.put("To", to);
        params.put("CallStatus", "ringing");
        params.put("Direction", "inbound");
        return params;
    }

    static Map<String, String> dialComplete(String callSid, String from, String to, String dialStatus) {
        Map<String, String> params = call(callSid, from, to);
        params.put("CallStatus", "in-progress");
        params.put("DialCallStatus", dialStatus);
        params.put("DialCallSid", "CA" + "f".repeat(32));
        return params;
    }

    static String callSid(int n) {
        return String.format("CA%032x", n);
    }
}

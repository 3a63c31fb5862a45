package com.mctb.messaging.support;

import static io.restassured.RestAssured.given;

import com.mctb.testkit.TwilioStandInResource;
import com.mctb.twilio.standin.TwilioWebhookSigner;
import io.restassured.response.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Posts messaging webhooks signed as Twilio signs them for the service's public URL. */
public final class TwilioWebhooks {

    public static final String PUBLIC_BASE = "https://hooks.messaging.test";

    private TwilioWebhooks() {
    }

    /** {@code path} with any query already percent-encoded, e.g. {@code /twilio/messaging/status?m=…}. */
    public static Response post(String path, Map<String, String> params) {
        return postSigned(path, params, TwilioWebhookSigner.sign(TwilioStandInResource.AUTH_TOKEN, PUBLIC_BASE + path, params));
    }

    public static Response postSigned(String path, Map<String, String> params, String signature) {
        var request = given().urlEncodingEnabled(false).contentType("application/x-www-form-urlencoded").body(form(params));
        if (signature != null) {
            request = request.header(TwilioWebhookSigner.HEADER, signature);
        }
        return request.post(path);
    }

    public static Map<String, String> inbound(String messageSid, String from, String to, String body) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", TwilioStandInResource.ACCOUNT_SID);
        params.put("ApiVersion", "2010-04-01");
        params.put("Body", body);
        params.put("From", from);
        params.put("MessageSid", messageSid);
        params.put("NumMedia", "0");
        params.put("SmsMessageSid", messageSid);
        params.put("To", to);
        return params;
    }

    public static Map<String, String> status(String messageSid, String status, String from, String to) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", TwilioStandInResource.ACCOUNT_SID);
        params.put("ApiVersion", "2010-04-01");
        params.put("From", from);
        params.put("MessageSid", messageSid);
        params.put("MessageStatus", status);
        params.put("SmsSid", messageSid);
        params.put("SmsStatus", status);
        params.put("To", to);
        return params;
    }

    public static String sid(String prefix, long n) {
        return String.format("%s%032x", prefix, n);
    }

    private static String form(Map<String, String> params) {
        StringBuilder body = new StringBuilder();
        params.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return body.toString();
    }
}

package com.mctb.twilio.standin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json} like Twilio's Messages API: 201 with a
 * Message resource, or Twilio's error JSON when told to fail. Records every request it accepted with its arrival
 * time. A WireMock extension rather than a templated stub because the answer must be valid JSON for any Body
 * (quotes, emoji) and the record must be kept at full time resolution.
 */
public final class MessagesApi implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "twilio-messages-api";
    private static final Pattern PATH = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<SentMessage> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 500;
    private volatile double failureRate;

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        long receivedAt = nowEpochNanos();
        Matcher path = PATH.matcher(request.getUrl().split("\\?")[0]);
        if (!path.matches()) {
            return error(404, 20404, "The requested resource was not found");
        }
        if (shouldFail()) {
            int status = failureStatus;
            return error(status, status == 429 ? 20429 : 20500,
                    status == 429 ? "Too Many Requests" : "Internal Server Error");
        }
        Map<String, String> params = formParams(request.getBodyAsString());
        String to = params.get("To");
        if (to == null || to.isBlank()) {
            return error(400, 21604, "A 'To' phone number is required.");
        }
        if (params.get("From") == null && params.get("MessagingServiceSid") == null) {
            return error(400, 21603, "A 'From' phone number is required.");
        }
        if (to.replace("whatsapp:", "").startsWith("+1555000")) {
            // Reserved in the stand-in for "invalid number": lets tests exercise Twilio's permanent errors.
            return error(400, 21211, "The 'To' number " + to + " is not a valid phone number.");
        }
        String sid = "SM" + HexFormat.of().formatHex(randomBytes(16));
        String accountSid = path.group(1);
        sent.add(new SentMessage(receivedAt, sid, accountSid, Map.copyOf(params)));
        return json(201, message(sid, accountSid, params));
    }

    private boolean shouldFail() {
        if (failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return true;
        }
        return failureRate > 0 && RANDOM.nextDouble() < failureRate;
    }

    private static ObjectNode message(String sid, String accountSid, Map<String, String> params) {
        String now = RFC_2822.format(Instant.now());
        String body = params.getOrDefault("Body", "");
        ObjectNode m = JSON.createObjectNode();
        m.put("account_sid", accountSid);
        m.put("api_version", "2010-04-01");
        m.put("body", body);
        m.put("date_created", now);
        m.put("date_updated", now);
        m.putNull("date_sent");
        m.put("direction", "outbound-api");
        m.putNull("error_code");
        m.putNull("error_message");
        m.put("from", params.get("From"));
        m.put("messaging_service_sid", params.get("MessagingServiceSid"));
        m.put("num_media", "0");
        m.put("num_segments", "1");
        m.putNull("price");
        m.put("price_unit", "USD");
        m.put("sid", sid);
        m.put("status", "queued");
        m.putObject("subresource_uris").put("media",
                "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid + "/Media.json");
        m.put("to", params.get("To"));
        m.put("uri", "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid + ".json");
        return m;
    }

    private static ResponseDefinition error(int status, int code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("code", code);
        body.put("message", message);
        body.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        body.put("status", status);
        return json(status, body);
    }

    /** Serialised here: WireMock's own JSON helpers use its shaded Jackson, which cannot write our nodes. */
    static ResponseDefinition json(int status, Object body) {
        try {
            return ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(JSON.writeValueAsString(body))
                    .build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> formParams(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return params;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static long nowEpochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    List<SentMessage> sent() {
        return new ArrayList<>(sent);
    }

    void clear() {
        sent.clear();
        failuresLeft.set(0);
        failureRate = 0;
    }

    void failNext(int count, int status) {
        failureStatus = status;
        failuresLeft.set(count);
    }

    void failRandomly(double rate, int status) {
        failureStatus = status;
        failureRate = rate;
    }
}

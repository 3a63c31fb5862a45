package com.mctb.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mctb.twilio.standin.TwilioWebhookSigner;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The story the demo tells and the end-to-end test checks, through the services' own APIs and Twilio-signed
 * webhooks only: Glow Aesthetics with its Twilio number, a contact Dana, and Dana's call that nobody answers.
 */
public final class MissedCallScenario {

    public static final String ACCOUNT = "glow";
    public static final String BUSINESS = "Glow Aesthetics";
    /** Glow's number: bought from the stand-in's pool of fictional numbers, (415) 555-0123. */
    public static final String NUMBER = "+14155550123";
    public static final String FORWARD_TO = "+15550001111";
    public static final String DANA = "+15551230001";
    public static final int TIMEOUT_SECONDS = 15;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StackConfig config;
    private final String accountToken;
    // HTTP/1.1, as the services speak it: the JDK's h2c upgrade gains nothing and broke on a large /q/metrics.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** The Twilio account that holds {@link #NUMBER} (the account's subaccount): it signs Twilio's webhooks. */
    private TwilioAccount holder;

    /** @param accountToken a bearer token for the account {@value #ACCOUNT} */
    public MissedCallScenario(StackConfig config, String accountToken) {
        this.config = config;
        this.accountToken = accountToken;
    }

    /**
     * Creates the account, its number and call settings (settings-service), the contact Dana and the ready "Missed
     * Call Text Back" workflow (workflow-service).
     */
    public void setUpGlowAesthetics() {
        String settings = config.url(config.settingsPort()) + "/api/accounts/" + ACCOUNT;
        expect(send("PUT", settings, Map.of("businessName", BUSINESS, "timeZone", "America/New_York")), 200, 201);
        buyNumber(settings);
        expect(send("PUT", settings + "/call-settings",
                Map.of("timeoutSeconds", TIMEOUT_SECONDS, "forwardTo", List.of(FORWARD_TO))), 200);
        expect(send("POST", config.url(config.workflowPort()) + "/api/accounts/" + ACCOUNT + "/contacts",
                Map.of("phone", DANA, "firstName", "Dana")), 201, 409);
        // Missed Call Text Back is a workflow the account turns on; the ready template, in one call.
        expect(send("POST", config.url(config.workflowPort()) + "/api/accounts/" + ACCOUNT
                + "/workflows/templates/missed-call-text-back", Map.of()), 200, 201);
        allowTextsAtAnyHour();
    }

    /**
     * Buys {@link #NUMBER} through settings-service (POST …/numbers: the account's subaccount is made, the number
     * bought into it at Twilio and configured there), unless the account has it already (a second run on a stack).
     */
    private void buyNumber(String settings) {
        HttpResponse<String> existing = send("GET", settings + "/numbers/" + NUMBER, null);
        if (existing.statusCode() == 404) {
            expect(send("POST", settings + "/numbers", Map.of("phoneNumber", NUMBER, "isDefault", true)), 201);
        } else {
            expect(existing, 200);
        }
        holder = null;
        holder();
    }

    /**
     * The Twilio account that holds the number and its token, as the platform's credentials read them from Twilio
     * (Accounts fetch; auth_token is part of Twilio's Account JSON). The account's SID comes from settings-service.
     */
    public TwilioAccount holder() {
        if (holder == null) {
            HttpResponse<String> twilio = send("GET", config.url(config.settingsPort()) + "/api/accounts/" + ACCOUNT
                    + "/twilio", null);
            expect(twilio, 200);
            String sid = json(twilio).path("accountSid").asText(null);
            if (sid == null || sid.isBlank()) {
                throw new StackException("account " + ACCOUNT + " has no Twilio account: " + twilio.body());
            }
            holder = new TwilioAccount(sid, fetchAuthToken(sid));
        }
        return holder;
    }

    private String fetchAuthToken(String accountSid) {
        String basic = java.util.Base64.getEncoder().encodeToString((config.twilioAccountSid() + ":"
                + config.twilioAuthToken()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.twilioStandInUrl() + "/2010-04-01/Accounts/"
                        + accountSid + ".json"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Basic " + basic).GET().build();
        HttpResponse<String> account = exchange(request);
        if (account.statusCode() == 404) {
            throw new UnknownTwilioAccount("the Twilio stand-in (" + config.twilioStandInUrl() + ") does not know "
                    + accountSid + ", the Twilio subaccount that settings-service (database " + config.database()
                    + ") holds " + BUSINESS + "'s number " + NUMBER + " in: the stand-in lost its accounts and numbers"
                    + " (kept in " + config.twilioStandInState() + ") while the database kept them");
        }
        expect(account, 200);
        String token = json(account).path("auth_token").asText(null);
        if (token == null || token.isBlank()) {
            throw new StackException("Twilio's Account " + accountSid + " has no auth_token: " + account.body());
        }
        return token;
    }

    /**
     * The Twilio stand-in does not know the subaccount settings-service holds the account's number in: the database
     * outlived the stand-in's accounts (as if the Twilio account had been closed).
     */
    public static final class UnknownTwilioAccount extends StackException {
        UnknownTwilioAccount(String message) {
            super(message);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new StackException("not JSON: " + response.body(), e);
        }
    }

    /**
     * Quiet hours off for the demo account: the demo, the end-to-end tests and the benchmarks run at any hour, and
     * quiet hours (on by default, 21:00-08:00 New York time) would hold their texts until morning.
     */
    private void allowTextsAtAnyHour() {
        expect(send("PUT", config.url(config.workflowPort()) + "/api/accounts/" + ACCOUNT + "/quiet-hours",
                Map.of("enabled", false)), 200);
    }

    /**
     * Waits until the settings have reached the services that act on a call: the gateway rings the number with the
     * account's timeout, and workflow-service has the business's name.
     */
    public void awaitSettingsPropagated(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String probeSid = newCallSid();
        while (System.nanoTime() < deadline) {
            String twiml = webhook("/twilio/voice/incoming", call(probeSid, DANA, "ringing")).body();
            HttpResponse<String> profile = send("GET",
                    config.url(config.workflowPort()) + "/api/accounts/" + ACCOUNT + "/business-profile", null);
            if (twiml.contains("timeout=\"" + TIMEOUT_SECONDS + "\"") && profile.statusCode() == 200
                    && profile.body().contains(BUSINESS)) {
                return;
            }
            sleep(200);
        }
        throw new StackException("the account's settings did not reach the gateway and workflow-service within "
                + timeout.toSeconds() + " s");
    }

    /** Twilio's first webhook of a call: returns the TwiML the gateway answered. */
    public HttpResponse<String> incomingCall(String callSid, String from) {
        return webhook("/twilio/voice/incoming", call(callSid, from, "ringing"));
    }

    /** Twilio's callback when the forwarded leg ends with {@code dialStatus} (no-answer, busy, completed, ...). */
    public HttpResponse<String> dialComplete(String callSid, String from, String dialStatus) {
        Map<String, String> params = call(callSid, from, "in-progress");
        params.put("DialCallStatus", dialStatus);
        params.put("DialCallSid", newCallSid());
        return webhook("/twilio/voice/dial-complete", params);
    }

    /** A text to the account's number, as Twilio posts it to messaging-service's inbound webhook (signed). */
    public HttpResponse<String> inboundText(String from, String body) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", holder().sid());
        params.put("ApiVersion", "2010-04-01");
        params.put("MessageSid", "SM" + newCallSid().substring(2));
        params.put("From", from);
        params.put("To", NUMBER);
        params.put("Body", body);
        params.put("NumMedia", "0");
        return signedPost(holder().authToken(), config.messagingPublicBaseUrl(), config.url(config.messagingPort()),
                "/twilio/messaging/inbound", params, 200);
    }

    /**
     * What Twilio does with the {@code <Record>} of a voicemail TwiML: the stand-in records {@code seconds} of audio,
     * posts the signed recording-status and transcription callbacks the TwiML names, and serves the recording.
     * Returns the RecordingSid.
     */
    public String leaveVoicemail(String callSid, String from, String voicemailTwiml, int seconds, String transcription) {
        Map<String, Object> voicemail = new LinkedHashMap<>();
        voicemail.put("accountSid", holder().sid());
        voicemail.put("authToken", holder().authToken());
        voicemail.put("callSid", callSid);
        voicemail.put("from", from);
        voicemail.put("to", NUMBER);
        voicemail.put("seconds", seconds);
        voicemail.put("transcription", transcription);
        voicemail.put("recordingStatusCallback", attribute(voicemailTwiml, "recordingStatusCallback"));
        voicemail.put("transcribeCallback", attribute(voicemailTwiml, "transcribeCallback"));
        HttpResponse<String> response = send("POST", config.twilioStandInUrl() + "/stand-in/voicemails", voicemail);
        expect(response, 200);
        try {
            return JSON.readTree(response.body()).path("recordingSid").asText();
        } catch (IOException e) {
            throw new StackException("the stand-in's answer is not JSON: " + response.body(), e);
        }
    }

    /** A request to a service's API with this scenario's account token. */
    public HttpResponse<String> api(String method, String url, Object body, Map<String, String> headers) {
        return request(method, url, body, headers, true);
    }

    private static String attribute(String twiml, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(name + "=\"([^\"]+)\"").matcher(twiml);
        if (!m.find()) {
            throw new StackException("the TwiML has no " + name + ": " + twiml);
        }
        return m.group(1).replace("&amp;", "&");
    }

    /** The texts Twilio's API (the stand-in) has received for {@code to}, in arrival order. */
    public List<Text> textsTo(String to) {
        HttpResponse<String> response = send("GET", config.twilioStandInUrl() + "/stand-in/messages", null);
        expect(response, 200);
        try {
            List<Text> texts = new ArrayList<>();
            for (JsonNode m : JSON.readTree(response.body())) {
                JsonNode p = m.get("params");
                if (to.equals(p.path("To").asText())) {
                    texts.add(new Text(p.path("From").asText(), p.path("To").asText(), p.path("Body").asText(),
                            m.get("sid").asText(), m.get("receivedAtEpochNanos").asLong()));
                }
            }
            return texts;
        } catch (IOException e) {
            throw new StackException("the stand-in's answer is not JSON: " + response.body(), e);
        }
    }

    /** Waits until at least {@code count} texts to {@code to} arrived (or the timeout passed); returns them all. */
    public List<Text> awaitTexts(String to, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Text> texts = textsTo(to);
        while (texts.size() < count && System.nanoTime() < deadline) {
            sleep(50);
            texts = textsTo(to);
        }
        return texts;
    }

    public static String newCallSid() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "CA" + HexFormat.of().formatHex(bytes);
    }

    /**
     * A call's first webhook as another Twilio account would send it: signed with a valid token (the platform's
     * main account's) whose AccountSid does not hold {@link #NUMBER}. Answers what the gateway said.
     */
    public HttpResponse<String> incomingCallSignedByAnotherAccount(String callSid, String from) {
        Map<String, String> params = call(callSid, from, "ringing");
        params.put("AccountSid", config.twilioAccountSid());
        return signedPost(config.twilioAuthToken(), config.publicBaseUrl(), config.url(config.gatewayPort()),
                "/twilio/voice/incoming", params, -1);
    }

    /** An inbound text to {@link #NUMBER} signed by another Twilio account than the one holding it. */
    public HttpResponse<String> inboundTextSignedByAnotherAccount(String from, String body) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", config.twilioAccountSid());
        params.put("ApiVersion", "2010-04-01");
        params.put("MessageSid", "SM" + newCallSid().substring(2));
        params.put("From", from);
        params.put("To", NUMBER);
        params.put("Body", body);
        params.put("NumMedia", "0");
        return signedPost(config.twilioAuthToken(), config.messagingPublicBaseUrl(), config.url(config.messagingPort()),
                "/twilio/messaging/inbound", params, -1);
    }

    private Map<String, String> call(String callSid, String from, String callStatus) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", holder().sid());
        params.put("ApiVersion", "2010-04-01");
        params.put("CallSid", callSid);
        params.put("CallStatus", callStatus);
        params.put("Direction", "inbound");
        params.put("From", from);
        params.put("To", NUMBER);
        return params;
    }

    /** Posts a webhook to the gateway signed, as Twilio signs it, for the public URL Twilio would call. */
    private HttpResponse<String> webhook(String path, Map<String, String> params) {
        return signedPost(holder().authToken(), config.publicBaseUrl(), config.url(config.gatewayPort()), path,
                params, 200);
    }

    /** Posts a webhook signed with {@code authToken}; expects {@code status} (-1: any). */
    private HttpResponse<String> signedPost(String authToken, String publicBase, String reachableBase, String path,
            Map<String, String> params, int status) {
        String signature = TwilioWebhookSigner.sign(authToken, publicBase + path, params);
        String form = params.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(reachableBase + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(TwilioWebhookSigner.HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response = exchange(request);
        if (status >= 0) {
            expect(response, status);
        }
        return response;
    }

    private HttpResponse<String> send(String method, String url, Object body) {
        return request(method, url, body, Map.of(), url.contains("/api/"));
    }

    private HttpResponse<String> request(String method, String url, Object body, Map<String, String> headers,
            boolean withToken) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
            if (withToken) {
                request.header("Authorization", "Bearer " + accountToken);
            }
            headers.forEach(request::header);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            return exchange(request.build());
        } catch (IOException e) {
            throw new StackException("cannot encode a request body: " + e.getMessage(), e);
        }
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new StackException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }

    private static void expect(HttpResponse<String> response, int... statuses) {
        for (int status : statuses) {
            if (response.statusCode() == status) {
                return;
            }
        }
        throw new StackException(response.request().method() + " " + response.request().uri() + " answered "
                + response.statusCode() + ": " + response.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A Twilio account (here: the one holding the number) and its auth token. */
    public record TwilioAccount(String sid, String authToken) {
        @Override
        public String toString() {
            return "TwilioAccount[" + sid + "]";
        }
    }

    /** A text as Twilio's API received it. */
    public record Text(String from, String to, String body, String sid, long receivedAtEpochNanos) {
    }
}

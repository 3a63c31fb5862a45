package com.mctb.twilio.standin;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Twilio posts when someone calls or texts a number an account holds: the incoming-call webhook to the number's
 * VoiceUrl, the inbound-message webhook to its SmsUrl, with {@code AccountSid} the account holding the number and
 * signed (X-Twilio-Signature) with that account's auth token, as Twilio signs them. Synchronous: the caller gets the
 * service's answer (TwiML). A public URL may be redirected to a local port (its start replaced).
 */
final class InboundWebhooks {

    private final Accounts accounts;
    private final NumbersApi numbers;
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    InboundWebhooks(Accounts accounts, NumbersApi numbers) {
        this.accounts = accounts;
        this.numbers = numbers;
    }

    void redirect(String publicPrefix, String reachablePrefix) {
        redirects.put(publicPrefix, reachablePrefix);
    }

    WebhookAnswer ring(String from, String to) {
        HeldNumber number = heldOrFail(to);
        if (number.voiceUrl() == null || number.voiceUrl().isBlank()) {
            throw new IllegalStateException(to + " has no VoiceUrl at Twilio: a call to it would hear an error");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", number.accountSid());
        form.put("ApiVersion", "2010-04-01");
        form.put("CallSid", Accounts.newSid("CA"));
        form.put("CallStatus", "ringing");
        form.put("Called", to);
        form.put("Caller", from);
        form.put("Direction", "inbound");
        form.put("From", from);
        form.put("To", to);
        return post(number, number.voiceUrl(), form);
    }

    WebhookAnswer text(String from, String to, String body) {
        HeldNumber number = heldOrFail(to);
        if (number.smsUrl() == null || number.smsUrl().isBlank()) {
            throw new IllegalStateException(to + " has no SmsUrl at Twilio: a text to it would go unanswered");
        }
        Map<String, String> form = new LinkedHashMap<>();
        String sid = Accounts.newSid("SM");
        form.put("AccountSid", number.accountSid());
        form.put("ApiVersion", "2010-04-01");
        form.put("Body", body);
        form.put("From", from);
        form.put("MessageSid", sid);
        form.put("NumMedia", "0");
        form.put("NumSegments", "1");
        form.put("SmsMessageSid", sid);
        form.put("SmsSid", sid);
        form.put("SmsStatus", "received");
        form.put("To", to);
        return post(number, number.smsUrl(), form);
    }

    private HeldNumber heldOrFail(String to) {
        return numbers.held(to).orElseThrow(() -> new IllegalStateException("no account holds " + to + " at the stand-in"));
    }

    private WebhookAnswer post(HeldNumber number, String url, Map<String, String> form) {
        String token = accounts.signingToken(number.accountSid());
        if (token == null) {
            throw new IllegalStateException("the stand-in knows no auth token of " + number.accountSid());
        }
        String target = url;
        for (Map.Entry<String, String> r : redirects.entrySet()) {
            if (url.startsWith(r.getKey())) {
                target = r.getValue() + url.substring(r.getKey().length());
                break;
            }
        }
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(target))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header(TwilioWebhookSigner.HEADER, TwilioWebhookSigner.sign(token, url, form))
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new WebhookAnswer(url, response.statusCode(), response.body());
        } catch (java.io.IOException e) {
            return new WebhookAnswer(url, 0, String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new WebhookAnswer(url, 0, "interrupted");
        }
    }
}

package com.mctb.twilio.standin;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts message status callbacks the way Twilio does once a message was accepted: a signed form post
 * (X-Twilio-Signature over the StatusCallback URL as given) to the StatusCallback URL, one per status, in order.
 * Makes the delivery funnel of the local stack real. The URL may be redirected (its start replaced) so that a test
 * can sign for a public URL and still reach a local port. One thread posts them all, so they arrive in order.
 */
final class StatusCallbacks implements AutoCloseable {

    private final String authToken;
    private final String publicPrefix;
    private final String reachablePrefix;
    private final List<String> statuses;
    private final Duration spacing;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stand-in-status-callbacks");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong posted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    StatusCallbacks(String authToken, String publicPrefix, String reachablePrefix, List<String> statuses, Duration spacing) {
        this.authToken = authToken;
        this.publicPrefix = publicPrefix;
        this.reachablePrefix = reachablePrefix;
        this.statuses = List.copyOf(statuses);
        this.spacing = spacing;
    }

    /**
     * Schedules the callbacks of one accepted message, signed with {@code accountToken} (the token of the account the
     * message was sent from, as Twilio signs them) or, when the stand-in knows no token for it, the configured one.
     */
    void accepted(String accountSid, String accountToken, String sid, Map<String, String> params) {
        String url = params.get("StatusCallback");
        if (url == null || url.isBlank()) {
            return;
        }
        for (int i = 0; i < statuses.size(); i++) {
            String status = statuses.get(i);
            String token = accountToken != null ? accountToken : authToken;
            scheduler.schedule(() -> post(token, url, form(accountSid, sid, params, status)), spacing.toMillis() * (i + 1),
                    TimeUnit.MILLISECONDS);
        }
    }

    long posted() {
        return posted.get();
    }

    long failed() {
        return failed.get();
    }

    private void post(String token, String url, Map<String, String> form) {
        String target = publicPrefix != null && reachablePrefix != null && url.startsWith(publicPrefix)
                ? reachablePrefix + url.substring(publicPrefix.length()) : url;
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(target))
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header(TwilioWebhookSigner.HEADER, TwilioWebhookSigner.sign(token, url, form))
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() < 300) {
                posted.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
        } catch (Exception e) {
            failed.incrementAndGet();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The parameters Twilio posts with a message status callback. */
    static Map<String, String> form(String accountSid, String sid, Map<String, String> params, String status) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", accountSid);
        form.put("ApiVersion", "2010-04-01");
        form.put("From", params.getOrDefault("From", ""));
        form.put("MessageSid", sid);
        form.put("MessageStatus", status);
        form.put("SmsSid", sid);
        form.put("SmsStatus", status);
        form.put("To", params.getOrDefault("To", ""));
        if (status.equals("undelivered") || status.equals("failed")) {
            form.put("ErrorCode", "30003");
        }
        return form;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}

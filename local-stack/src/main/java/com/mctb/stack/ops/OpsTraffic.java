package com.mctb.stack.ops;

import com.mctb.stack.MissedCallScenario;
import com.mctb.stack.StackConfig;
import com.mctb.twilio.standin.TwilioWebhookSigner;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Traffic for the operators' view, as Twilio would make it, through signed webhooks only: missed calls (mostly
 * no-answer, some busy) from new and repeat callers to {@link MissedCallScenario}'s number, replies and a few STOPs
 * from callers who were texted, some answered calls, a few webhooks with a wrong signature, and (through the stand-in's
 * control API) Twilio refusing some sends, so that every panel of the dashboard has something to show.
 */
public final class OpsTraffic {

    private final StackConfig stack;

    private final MissedCallScenario.TwilioAccount holder;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random = new Random(7);
    private final List<String> callers = new ArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private long nextCaller;

    /** @param holder the Twilio account holding Glow's number: Twilio signs the number's webhooks with its token */
    public OpsTraffic(StackConfig stack, MissedCallScenario.TwilioAccount holder, long firstCaller) {
        this.stack = stack;
        this.holder = holder;
        this.nextCaller = firstCaller;
    }

    /** One missed call from Dana, a reply and its text's status callbacks: one of everything the funnel counts. */
    public void oneOfEach() {
        String caller = newCaller();
        missedCall(caller, "no-answer").join();
        sleep(3_000);
        inboundText(caller, "Hi, can I book for Friday?").join();
        inboundText(newCaller(), "STOP").join();
        forged().join();
    }

    /**
     * Plays {@code perSecond} calls a second for {@code duration}: {@code repeatShare} of them from a caller who
     * already called, 10% busy instead of no-answer, 5% answered; about one caller in ten replies, one in a hundred
     * texts STOP; one webhook in 200 has a wrong signature.
     */
    public void play(int perSecond, Duration duration, double repeatShare) {
        long interval = 1_000_000_000L / perSecond;
        long calls = perSecond * duration.toSeconds();
        long start = System.nanoTime();
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        for (long i = 0; i < calls; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                sleep(TimeUnit.NANOSECONDS.toMillis(wait));
            }
            boolean repeat = !callers.isEmpty() && random.nextDouble() < repeatShare;
            String caller = repeat ? callers.get(random.nextInt(callers.size())) : newCaller();
            double roll = random.nextDouble();
            String dialStatus = roll < 0.05 ? "completed" : roll < 0.15 ? "busy" : "no-answer";
            inFlight.add(missedCall(caller, dialStatus));
            if (i % 200 == 199) {
                inFlight.add(forged());
            }
            if (i > perSecond * 3L && random.nextDouble() < 0.1) {
                // Someone texted a few seconds ago answers.
                String earlier = callers.get(Math.max(0, callers.size() - 1 - perSecond * 3 - random.nextInt(perSecond)));
                inFlight.add(inboundText(earlier, random.nextDouble() < 0.1 ? "STOP" : "Yes please, call me back"));
            }
            inFlight.removeIf(CompletableFuture::isDone);
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
    }

    /** Twilio refuses the next {@code count} sends with {@code status} (429 or 5xx); or, with a rate, that share. */
    public void twilioRefuses(int status, int count) {
        control("/stand-in/failures", "{\"status\":" + status + ",\"count\":" + count + "}");
    }

    public void twilioRefusesRandomly(int status, double rate) {
        control("/stand-in/failures", "{\"status\":" + status + ",\"rate\":" + rate + "}");
    }

    public long webhooksSent() {
        return sent.get();
    }

    public long webhooksFailed() {
        return failed.get();
    }

    private String newCaller() {
        String caller = "+1" + nextCaller++;
        callers.add(caller);
        return caller;
    }

    private CompletableFuture<Void> missedCall(String caller, String dialStatus) {
        String callSid = sid("CA");
        return gateway("/twilio/voice/incoming", call(callSid, caller, null), holder.authToken())
                .thenCompose(ok -> gateway("/twilio/voice/dial-complete", call(callSid, caller, dialStatus),
                        holder.authToken()))
                .thenAccept(ok -> { });
    }

    /** A webhook signed with the wrong token, as a probe or a misconfigured proxy would send. */
    private CompletableFuture<Void> forged() {
        return gateway("/twilio/voice/incoming", call(sid("CA"), newCaller(), null), "not-the-auth-token")
                .thenAccept(ok -> { });
    }

    private CompletableFuture<Void> inboundText(String from, String body) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", holder.sid());
        params.put("ApiVersion", "2010-04-01");
        params.put("Body", body);
        params.put("From", from);
        params.put("MessageSid", sid("SM"));
        params.put("NumMedia", "0");
        params.put("To", MissedCallScenario.NUMBER);
        String path = "/twilio/messaging/inbound";
        return post(stack.url(stack.messagingPort()) + path, stack.messagingPublicBaseUrl() + path, params,
                holder.authToken()).thenAccept(ok -> { });
    }

    private Map<String, String> call(String callSid, String caller, String dialStatus) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", holder.sid());
        params.put("ApiVersion", "2010-04-01");
        params.put("CallSid", callSid);
        params.put("CallStatus", dialStatus == null ? "ringing" : "in-progress");
        params.put("Direction", "inbound");
        params.put("From", caller);
        params.put("To", MissedCallScenario.NUMBER);
        if (dialStatus != null) {
            params.put("DialCallStatus", dialStatus);
            params.put("DialCallSid", sid("CA"));
        }
        return params;
    }

    private CompletableFuture<Boolean> gateway(String path, Map<String, String> params, String token) {
        return post(stack.url(stack.gatewayPort()) + path, stack.publicBaseUrl() + path, params, token);
    }

    /** Posts a form to {@code url}, signed for {@code signedUrl} (the public URL Twilio calls) with {@code token}. */
    private CompletableFuture<Boolean> post(String url, String signedUrl, Map<String, String> params, String token) {
        String body = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(TwilioWebhookSigner.HEADER, TwilioWebhookSigner.sign(token, signedUrl, params))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        sent.incrementAndGet();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
            boolean ok = error == null && response.statusCode() == 200;
            if (!ok) {
                failed.incrementAndGet();
            }
            return ok;
        });
    }

    private void control(String path, String json) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.twilioStandInUrl() + path))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the stand-in's " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String sid(String prefix) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

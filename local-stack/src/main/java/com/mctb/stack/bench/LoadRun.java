package com.mctb.stack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mctb.stack.StackConfig;
import com.mctb.twilio.standin.TwilioWebhookSigner;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Plays missed calls at a fixed rate (open loop: the schedule does not wait for answers) as Twilio-signed webhooks —
 * {@code incoming}, then {@code dial-complete} with no-answer — from many distinct and some repeated callers, then
 * reads what Twilio's API (the stand-in) received and compares it with what the workflow's rules expect: one text
 * per distinct caller (the ready template texts a first call and not a second).
 */
public final class LoadRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StackConfig stack;
    private final String number;
    private final com.mctb.stack.MissedCallScenario.TwilioAccount holder;
    // HTTP/1.1 as Twilio speaks it; the JDK client would otherwise try an h2c upgrade on plain http.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** @param holder the Twilio account holding {@code number}: Twilio signs the number's webhooks with its token */
    public LoadRun(StackConfig stack, String number, com.mctb.stack.MissedCallScenario.TwilioAccount holder) {
        this.stack = stack;
        this.number = number;
        this.holder = holder;
    }

    /**
     * Told when the steady window begins (just before the first call is sent) and ends (just after the last one is),
     * e.g. to read the processes' CPU over exactly that window; the drain follows.
     */
    public interface Window {
        Window NONE = new Window() {
        };

        default void steadyStarted() {
        }

        default void steadyEnded() {
        }
    }

    /** The webhooks' outcomes; each attempt (a retry too) counts once. */
    private static final class Webhooks {
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong timeouts = new AtomicLong();
        final AtomicLong slowOk = new AtomicLong();
    }

    /** An answer later than this would make Twilio wait; the target is that every webhook is answered within it. */
    static final Duration PROMPT = Duration.ofSeconds(1);

    /** Twilio's own webhook timeout: a webhook not answered by then plays the caller Twilio's error message. */
    static final Duration TWILIO_TIMEOUT = Duration.ofSeconds(15);

    private java.util.function.BooleanSupplier extendWhile = () -> false;
    private Duration textsQuietFor = Duration.ofSeconds(5);
    private Duration textsTimeout = Duration.ofSeconds(90);

    /**
     * How long the texts are waited for after the last call: until all expected arrived, or none arrived for {@code
     * quietFor}, or {@code timeout} (5 s and 90 s unless set). The fault run waits longer: at 100 calls/s its texts
     * were still arriving 70-130 s after their calls (a restart on a loaded box takes 40 s), and a verdict read
     * before they arrive counts texts that are only late as lost.
     */
    public LoadRun waitForTexts(Duration quietFor, Duration timeout) {
        this.textsQuietFor = quietFor;
        this.textsTimeout = timeout;
        return this;
    }

    /**
     * Goes on sending calls past the run's duration while {@code condition} holds: the fault run keeps the load up
     * until its last fault was injected, however long the faults took (a restart on a loaded box can take minutes).
     */
    public LoadRun extendWhile(java.util.function.BooleanSupplier condition) {
        this.extendWhile = condition;
        return this;
    }

    public Result run(int perSecond, Duration duration, long callerBase, double repeatShare) throws Exception {
        return run(perSecond, duration, callerBase, repeatShare, 0, Window.NONE);
    }

    public Result run(int perSecond, Duration duration, long callerBase, double repeatShare, int retries)
            throws Exception {
        return run(perSecond, duration, callerBase, repeatShare, retries, Window.NONE);
    }

    /**
     * @param callerBase   first caller number of this run (distinct per run, so runs do not see each other's callers)
     * @param repeatShare  share of calls from a caller who already called in this run
     * @param retries      how often a failed webhook is sent again (1 s, 2 s, 4 s apart), as Twilio's webhook retry
     *                     policy does; a call whose incoming webhook never succeeded is not continued
     */
    public Result run(int perSecond, Duration duration, long callerBase, double repeatShare, int retries, Window window)
            throws Exception {
        resetStandIn();
        int planned = (int) (perSecond * duration.toSeconds());
        Random random = new Random(callerBase);
        List<String> callers = new ArrayList<>();
        Map<String, Long> firstDialCompleteAt = new HashMap<>();
        Webhooks webhooks = new Webhooks();
        Map<String, Long> dialSentAt = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.Set<String> eligible = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<CompletableFuture<Void>> inFlight = new ArrayList<>(planned);

        window.steadyStarted();
        Pacer pacer = new Pacer(perSecond);
        int calls = 0;
        for (int i = 0; i < planned || extendWhile.getAsBoolean(); i++) {
            calls = i + 1;
            String caller;
            if (!callers.isEmpty() && random.nextDouble() < repeatShare) {
                caller = callers.get(random.nextInt(callers.size()));
            } else {
                caller = "+1" + (callerBase + callers.size());
                callers.add(caller);
            }
            String callSid = callSid(random);
            dialSentAt.putIfAbsent(caller, -1L);
            pacer.awaitTick(i);
            inFlight.add(send("/twilio/voice/incoming", params(callSid, caller, null), webhooks, retries)
                    .thenCompose(incomingOk -> {
                        if (!incomingOk) {
                            return CompletableFuture.completedFuture(null);
                        }
                        long sentAt = epochNanos();
                        dialSentAt.merge(caller, sentAt, (old, now) -> old > 0 ? old : now);
                        return send("/twilio/voice/dial-complete", params(callSid, caller, "no-answer"),
                                webhooks, retries)
                                .thenAccept(dialOk -> {
                                    if (dialOk) {
                                        eligible.add(caller);
                                    }
                                });
                    }));
        }
        long steadyNanos = System.nanoTime() - pacer.start();
        window.steadyEnded();
        // Every request times out after TWILIO_TIMEOUT (and retries are at most 7 s apart): this only guards a hang.
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
        firstDialCompleteAt.putAll(dialSentAt);

        List<Text> texts = awaitTexts(eligible.size());
        Map<String, List<Text>> byCaller = texts.stream().collect(Collectors.groupingBy(Text::to));
        long duplicates = byCaller.values().stream().mapToLong(l -> Math.max(0, l.size() - 1)).sum();
        long lost = eligible.stream().filter(c -> !byCaller.containsKey(c)).count();
        long unexpected = byCaller.keySet().stream().filter(to -> !firstDialCompleteAt.containsKey(to)).count();
        long[] speed = callers.stream().filter(byCaller::containsKey)
                .filter(c -> firstDialCompleteAt.getOrDefault(c, -1L) > 0)
                .mapToLong(c -> byCaller.get(c).get(0).receivedAtEpochNanos() - firstDialCompleteAt.get(c))
                .toArray();
        long lastText = texts.stream().mapToLong(Text::receivedAtEpochNanos).max().orElse(0);
        return new Result(perSecond, calls, steadyNanos / 1e9, eligible.size(), texts.size(), duplicates + unexpected,
                unexpected, lost, webhooks.latencies.size(), webhooks.errors.get(), webhooks.timeouts.get(), webhooks.slowOk.get(),
                new Percentiles(speed), new Percentiles(webhooks.latencies.stream().mapToLong(Long::longValue).toArray()),
                lastText);
    }

    /** Sends the webhook, again up to {@code retries} times if it fails; completes with whether it got a 200. */
    private CompletableFuture<Boolean> send(String path, Map<String, String> params, Webhooks webhooks, int retries) {
        return sendOnce(path, params, webhooks).thenCompose(ok -> ok || retries == 0
                ? CompletableFuture.completedFuture(ok)
                : CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(
                        1L << Math.max(0, 3 - retries), TimeUnit.SECONDS))
                        .thenCompose(x -> send(path, params, webhooks, retries - 1)));
    }

    private CompletableFuture<Boolean> sendOnce(String path, Map<String, String> params, Webhooks webhooks) {
        String body = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.url(stack.gatewayPort()) + path))
                .timeout(TWILIO_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(TwilioWebhookSigner.HEADER, TwilioWebhookSigner.sign(holder.authToken(), stack.publicBaseUrl() + path, params))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long t0 = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
            long took = System.nanoTime() - t0;
            webhooks.latencies.add(took);
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            boolean ok = error == null && response.statusCode() == 200;
            if (cause instanceof java.net.http.HttpTimeoutException) {
                webhooks.timeouts.incrementAndGet();
            } else if (!ok) {
                webhooks.errors.incrementAndGet();
            } else if (took > PROMPT.toNanos()) {
                webhooks.slowOk.incrementAndGet();
            }
            return ok;
        });
    }

    private Map<String, String> params(String callSid, String caller, String dialStatus) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", holder.sid());
        params.put("CallSid", callSid);
        params.put("CallStatus", dialStatus == null ? "ringing" : "in-progress");
        params.put("Direction", "inbound");
        params.put("From", caller);
        params.put("To", number);
        if (dialStatus != null) {
            params.put("DialCallStatus", dialStatus);
        }
        return params;
    }

    /** Waits until {@code expected} texts arrived, or none arrived for {@link #textsQuietFor}, or {@link #textsTimeout}. */
    private List<Text> awaitTexts(int expected) throws Exception {
        long deadline = System.nanoTime() + textsTimeout.toNanos();
        List<Text> texts = texts();
        long lastGrowth = System.nanoTime();
        while (System.nanoTime() < deadline) {
            if (texts.size() >= expected && System.nanoTime() - lastGrowth > TimeUnit.SECONDS.toNanos(3)) {
                break;
            }
            if (System.nanoTime() - lastGrowth > textsQuietFor.toNanos()) {
                break;
            }
            Thread.sleep(250);
            List<Text> now = texts();
            if (now.size() > texts.size()) {
                lastGrowth = System.nanoTime();
            }
            texts = now;
        }
        return texts;
    }

    /**
     * What the stand-in received. Its answer is read again (up to 5 times, a second apart) when it is not a 200 with a
     * JSON list: once in a 30-minute soak the stand-in, a JVM on the same loaded two cores, answered its Jetty error
     * page, and that one read stopped the whole load.
     */
    private List<Text> texts() throws Exception {
        JsonNode list = null;
        for (int attempt = 1; list == null; attempt++) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(stack.twilioStandInUrl()
                    + "/stand-in/messages")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            String problem = null;
            if (response.statusCode() != 200) {
                problem = "HTTP " + response.statusCode();
            } else {
                try {
                    list = JSON.readTree(response.body());
                    if (!list.isArray()) {
                        problem = "not a JSON list";
                        list = null;
                    }
                } catch (java.io.IOException e) {
                    problem = "not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")";
                }
            }
            if (list == null) {
                String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
                String answer = problem + ": " + body.substring(0, Math.min(200, body.length())).replaceAll("\\s+", " ");
                if (attempt == 5) {
                    throw new IllegalStateException("the stand-in's /stand-in/messages answered " + answer
                            + " five times");
                }
                System.err.println("  the stand-in's /stand-in/messages answered " + answer + "; reading again");
                Thread.sleep(1_000);
            }
        }
        List<Text> texts = new ArrayList<>();
        for (JsonNode m : list) {
            texts.add(new Text(m.get("params").path("To").asText(), m.get("receivedAtEpochNanos").asLong()));
        }
        return texts;
    }

    private void resetStandIn() throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(stack.twilioStandInUrl() + "/stand-in/messages")).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static String callSid(Random random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return "CA" + HexFormat.of().formatHex(bytes);
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    record Text(String to, long receivedAtEpochNanos) {
    }

    /**
     * @param steadySeconds     how long sending the calls took (the steady window)
     * @param textsExpected     one per distinct caller whose dial-complete webhook was answered 200 (an eligible caller)
     * @param duplicates        texts beyond the first to a caller, plus texts to numbers that never called
     * @param toStrangers       of those, texts to numbers that did not call in this run (a late text of an earlier
     *                          run would be one)
     * @param lost              distinct callers who got no text
     * @param webhooks          webhook requests sent (retries included)
     * @param webhookErrors     of those, answered with another status than 200, or failed to connect
     * @param webhookTimeouts   not answered within Twilio's 15 s
     * @param webhooksSlowOk    answered 200, but after more than 1 s
     * @param lastTextEpochNanos when the last text reached the stand-in (0 if none did): the end of the drain
     */
    public record Result(int rate, int calls, double steadySeconds, long textsExpected, long textsReceived,
            long duplicates, long toStrangers, long lost, long webhooks, long webhookErrors, long webhookTimeouts, long webhooksSlowOk,
            Percentiles speedToLead, Percentiles webhook, long lastTextEpochNanos) {

        /** Webhooks a caller would have heard Twilio's error message for: not answered 200 within 15 s. */
        public long webhooksNot200Within15s() {
            return webhookErrors + webhookTimeouts;
        }

        /** Webhooks not answered 200 within 1 s (the gateway's target at any offered rate). */
        public long webhooksNot200Within1s() {
            return webhooksNot200Within15s() + webhooksSlowOk;
        }

        /** The rate the calls were actually offered at (lower than asked if the sender could not keep up). */
        public double offeredPerSecond() {
            return steadySeconds <= 0 ? 0 : calls / steadySeconds;
        }
    }
}

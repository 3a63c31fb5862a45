package com.mctb.twilio.standin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers Twilio's Messages API like Twilio does: {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json} (201
 * with a Message resource, or Twilio's error JSON when told to fail), {@code GET …/Messages.json} (the list, filtered
 * by To, From and DateSent, newest first) and {@code GET …/Messages/{Sid}.json}. Reserved recipients exercise Twilio's
 * refusals: {@code +1555000…} is an invalid number (21211), {@code whatsapp:+1555016…} has no WhatsApp session
 * (63016). Records every message it accepted
 * with its arrival time, and every API request in a journal. A WireMock extension rather than a templated stub
 * because the answer must be valid JSON for any Body (quotes, emoji) and the record must be kept at full time
 * resolution.
 */
public final class MessagesApi extends StandInResource {

    public static final String NAME = "twilio-messages-api";
    private static final Pattern LIST_PATH = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");
    private static final Pattern ONE_PATH = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages/([^/]+)\\.json");
    /** Twilio's own date form, e.g. {@code Thu, 24 Aug 2023 05:01:45 +0000}: what the SDK parses. */
    static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z",
            java.util.Locale.US).withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * The newest API requests kept for the tests' wire-format checks. 100,000 (as before) filled the local stack's
     * 128 MB heap in a 30-minute soak at 50 calls/s (OutOfMemoryError at minute 27, each request with its form and,
     * now, its JSON answer); the tests look at a few hundred.
     */
    private static final int JOURNAL_LIMIT = 10_000;

    // Appended to by many request threads at load-test rates: a lock-free queue rather than a copy-on-write list.
    private final java.util.Queue<SentMessage> sent = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final Map<String, SentMessage> bySid = new ConcurrentHashMap<>();
    private final Deque<ApiRequest> journal = new ConcurrentLinkedDeque<>();
    private final AtomicInteger journalSize = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 500;
    private volatile double failureRate;
    private final AtomicInteger stallsLeft = new AtomicInteger();
    private final AtomicInteger readFailuresLeft = new AtomicInteger();
    private volatile int readFailureStatus = 500;
    private volatile Duration stallFor = Duration.ZERO;
    private volatile boolean stallAccepts;
    private volatile double stallRate;
    private volatile double afterCreateFailureRate;
    private volatile int afterCreateFailureStatus = 502;
    private final AtomicLong failedAfterCreate = new AtomicLong();
    private final AtomicLong stalled = new AtomicLong();
    private final Map<String, Integer> ratePerSender = new ConcurrentHashMap<>();
    private final Map<String, Deque<Long>> recentBySender = new ConcurrentHashMap<>();
    private final AtomicLong rateRefusals = new AtomicLong();
    private volatile StatusCallbacks statusCallbacks;
    private volatile Accounts accounts = new Accounts(null, null);
    private volatile NumbersApi numbers;

    /** Who may use which account's Messages resource, and which numbers accounts hold (for 21606). */
    void attach(Accounts accounts, NumbersApi numbers) {
        this.accounts = accounts;
        this.numbers = numbers;
    }

    public MessagesApi() {
        super(NAME);
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        long receivedAt = nowEpochNanos();
        String[] pathAndQuery = request.getUrl().split("\\?", 2);
        String path = pathAndQuery[0];
        boolean post = request.getMethod().equals(RequestMethod.POST);
        Map<String, List<String>> params = post ? multiParams(request.getBodyAsString())
                : multiParams(pathAndQuery.length > 1 ? pathAndQuery[1] : "");
        Answer answer = authorised(path, request.getHeader("Authorization"))
                ? answer(request.getMethod(), path, params, receivedAt)
                : new Answer(error(401, 20003, "Authenticate"));
        record(new ApiRequest(request.getMethod().getName(), path, params, answer.definition.getStatus()));
        return answer.definition;
    }

    /** A request under /Accounts/{X}/ with X's credentials or its owner's (see {@link Accounts}). */
    private boolean authorised(String path, String authorization) {
        Matcher account = Pattern.compile("/2010-04-01/Accounts/([^/]+)/.*").matcher(path);
        return !account.matches() || accounts.caller(authorization, account.group(1)).isPresent();
    }

    private Answer answer(RequestMethod method, String path, Map<String, List<String>> multi, long receivedAt) {
        Matcher list = LIST_PATH.matcher(path);
        Matcher one = ONE_PATH.matcher(path);
        if (method.equals(RequestMethod.POST) && list.matches()) {
            return create(list.group(1), first(multi), receivedAt);
        }
        if (method.equals(RequestMethod.GET) && list.matches()) {
            if (readFailuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                int status = readFailureStatus;
                return new Answer(error(status, status == 401 ? 20003 : status == 429 ? 20429 : 20500,
                        status == 401 ? "Authenticate" : "Injected failure"));
            }
            return new Answer(read(list.group(1), path, first(multi)));
        }
        if (method.equals(RequestMethod.GET) && one.matches()) {
            String accountSid = one.group(1);
            return new Answer(java.util.Optional.ofNullable(bySid.get(one.group(2)))
                    .filter(m -> m.accountSid().equals(accountSid)).map(m -> json(200, message(m)))
                    .orElseGet(() -> error(404, 20404, "The requested resource " + path + " was not found")));
        }
        return new Answer(error(404, 20404, "The requested resource " + path + " was not found"));
    }

    private Answer create(String accountSid, Map<String, String> params, long receivedAt) {
        if (stallsLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0 || (stallRate > 0 && RANDOM.nextDouble() < stallRate)) {
            stalled.incrementAndGet();
            // Answers too late for the client: the request may or may not have been taken (an ambiguous outcome).
            int delay = (int) stallFor.toMillis();
            if (stallAccepts) {
                SentMessage m = accept(accountSid, params, receivedAt);
                return new Answer(withDelay(json(201, message(m)), delay));
            }
            return new Answer(withDelay(error(503, 20503, "Service Unavailable"), delay));
        }
        if (shouldFail()) {
            int status = failureStatus;
            return new Answer(error(status, status == 429 ? 20429 : 20500,
                    status == 429 ? "Too Many Requests" : "Internal Server Error"));
        }
        String to = params.get("To");
        if (to == null || to.isBlank()) {
            return new Answer(error(400, 21604, "A 'To' phone number is required."));
        }
        String from = params.get("From");
        if (from == null && params.get("MessagingServiceSid") == null) {
            return new Answer(error(400, 21603, "A 'From' phone number is required."));
        }
        if (to.replace("whatsapp:", "").startsWith("+1555000")) {
            // Reserved in the stand-in for "invalid number": lets tests exercise Twilio's permanent errors.
            return new Answer(error(400, 21211, "The 'To' number " + to + " is not a valid phone number."));
        }
        if (to.startsWith("whatsapp:+1555016")) {
            // Reserved for "no WhatsApp session": Twilio refuses free-form WhatsApp text outside the 24-hour window.
            return new Answer(error(400, 63016, "Failed to send freeform message because you are outside the allowed"
                    + " window. If you are using WhatsApp, please use a Message Template."));
        }
        NumbersApi held = numbers;
        if (from != null && held != null && held.held(from.replace("whatsapp:", ""))
                .filter(n -> !n.accountSid().equals(accountSid)).isPresent()) {
            // Twilio sends only from a number of the account in the path (a subaccount's number: its path).
            return new Answer(error(400, 21606, "The From phone number " + from + " is not a valid, SMS-capable"
                    + " inbound phone number or short code for your account."));
        }
        if (from != null && overRate(from.replace("whatsapp:", ""), receivedAt)) {
            rateRefusals.incrementAndGet();
            return new Answer(error(429, 20429, "Too Many Requests"));
        }
        SentMessage created = accept(accountSid, params, receivedAt);
        if (afterCreateFailureRate > 0 && RANDOM.nextDouble() < afterCreateFailureRate) {
            // Twilio's edge failed after Twilio took the message: it exists (listed, fetched, its status callbacks
            // come), but the client is told 5xx, as if nothing was sent.
            failedAfterCreate.incrementAndGet();
            int status = afterCreateFailureStatus;
            return new Answer(error(status, 20500, status == 502 ? "Bad Gateway" : "Internal Server Error"));
        }
        return new Answer(json(201, message(created)));
    }

    private SentMessage accept(String accountSid, Map<String, String> params, long receivedAt) {
        String sid = "SM" + HexFormat.of().formatHex(randomBytes(16));
        SentMessage m = new SentMessage(receivedAt, sid, accountSid, Map.copyOf(params));
        sent.add(m);
        bySid.put(sid, m);
        StatusCallbacks callbacks = statusCallbacks;
        if (callbacks != null) {
            callbacks.accepted(accountSid, accounts.signingToken(accountSid), sid, params);
        }
        return m;
    }

    /** Twilio's list: newest first, one page of PageSize (default 50), filtered by To, From and DateSent. */
    private ResponseDefinition read(String accountSid, String path, Map<String, String> query) {
        Predicate<SentMessage> filter = m -> m.accountSid().equals(accountSid);
        String to = query.get("To");
        if (to != null) {
            filter = filter.and(m -> to.equals(m.to()));
        }
        String from = query.get("From");
        if (from != null) {
            filter = filter.and(m -> from.equals(m.from()));
        }
        try {
            Instant after = bound(query.get("DateSent>"), true);
            Instant before = bound(query.get("DateSent<"), false);
            if (after != null) {
                filter = filter.and(m -> !sentAt(m).isBefore(after));
            }
            if (before != null) {
                filter = filter.and(m -> !sentAt(m).isAfter(before));
            }
        } catch (DateTimeParseException e) {
            return error(400, 20001, "Invalid DateSent: " + e.getParsedString());
        }
        int pageSize;
        try {
            pageSize = Math.max(1, Math.min(1000, Integer.parseInt(query.getOrDefault("PageSize", "50"))));
        } catch (NumberFormatException e) {
            return error(400, 20001, "Invalid PageSize");
        }
        List<SentMessage> matches = sent.stream().filter(filter)
                .sorted(Comparator.comparingLong(SentMessage::receivedAtEpochNanos).reversed())
                .limit(pageSize).toList();
        ObjectNode page = JSON.createObjectNode();
        ArrayNode messages = page.putArray("messages");
        matches.forEach(m -> messages.add(message(m)));
        String uri = path + "?PageSize=" + pageSize + "&Page=0";
        page.put("end", Math.max(0, matches.size() - 1));
        page.put("first_page_uri", uri);
        page.putNull("next_page_uri");
        page.put("page", 0);
        page.put("page_size", pageSize);
        page.putNull("previous_page_uri");
        page.put("start", 0);
        page.put("uri", uri);
        return json(200, page);
    }

    /**
     * A DateSent bound: a date (the whole GMT day) or a date-time, with an offset or without one (GMT, as the Twilio
     * SDK sends it: {@code yyyy-MM-dd'T'HH:mm:ss}).
     */
    private static Instant bound(String value, boolean lower) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.length() == 10) {
            LocalDate day = LocalDate.parse(v);
            return lower ? day.atStartOfDay().toInstant(ZoneOffset.UTC)
                    : day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1);
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            return java.time.LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        }
    }

    private static Instant sentAt(SentMessage m) {
        return Instant.ofEpochSecond(0, m.receivedAtEpochNanos());
    }

    private boolean shouldFail() {
        if (failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return true;
        }
        return failureRate > 0 && RANDOM.nextDouble() < failureRate;
    }

    /** True when the sender already had its configured number of messages accepted in the last second. */
    private boolean overRate(String sender, long nowNanos) {
        Integer limit = ratePerSender.get(sender);
        if (limit == null) {
            return false;
        }
        Deque<Long> recent = recentBySender.computeIfAbsent(sender, s -> new ArrayDeque<>());
        synchronized (recent) {
            while (!recent.isEmpty() && recent.peekFirst() <= nowNanos - 1_000_000_000L) {
                recent.pollFirst();
            }
            if (recent.size() >= limit) {
                return true;
            }
            recent.addLast(nowNanos);
            return false;
        }
    }

    private static ObjectNode message(SentMessage sentMessage) {
        Map<String, String> params = sentMessage.params();
        String created = RFC_2822.format(sentAt(sentMessage));
        ObjectNode m = JSON.createObjectNode();
        m.put("account_sid", sentMessage.accountSid());
        m.put("api_version", "2010-04-01");
        m.put("body", params.getOrDefault("Body", ""));
        m.put("date_created", created);
        m.put("date_updated", created);
        m.put("date_sent", created);
        m.put("direction", "outbound-api");
        m.putNull("error_code");
        m.putNull("error_message");
        m.put("from", params.get("From"));
        m.put("messaging_service_sid", params.get("MessagingServiceSid"));
        m.put("num_media", "0");
        m.put("num_segments", "1");
        m.putNull("price");
        m.put("price_unit", "USD");
        m.put("sid", sentMessage.sid());
        m.put("status", "queued");
        m.putObject("subresource_uris").put("media",
                "/2010-04-01/Accounts/" + sentMessage.accountSid() + "/Messages/" + sentMessage.sid() + "/Media.json");
        m.put("to", params.get("To"));
        m.put("uri", "/2010-04-01/Accounts/" + sentMessage.accountSid() + "/Messages/" + sentMessage.sid() + ".json");
        return m;
    }

    static ResponseDefinition error(int status, int code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("code", code);
        body.put("message", message);
        body.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        body.put("status", status);
        return json(status, body);
    }

    private static ResponseDefinition withDelay(ResponseDefinition definition, int delayMillis) {
        return ResponseDefinitionBuilder.like(definition).withFixedDelay(delayMillis).build();
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
        multiParams(body).forEach((name, values) -> params.put(name, values.get(values.size() - 1)));
        return params;
    }

    private static Map<String, String> first(Map<String, List<String>> multi) {
        Map<String, String> params = new LinkedHashMap<>();
        multi.forEach((name, values) -> params.put(name, values.get(values.size() - 1)));
        return params;
    }

    static Map<String, List<String>> multiParams(String encoded) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.computeIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8), n -> new ArrayList<>())
                    .add(URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        params.replaceAll((name, values) -> List.copyOf(values));
        return params;
    }

    void record(ApiRequest request) {
        journal.addLast(request);
        if (journalSize.incrementAndGet() > JOURNAL_LIMIT) {
            journal.pollFirst();
            journalSize.decrementAndGet();
        }
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

    List<ApiRequest> journal() {
        return new ArrayList<>(journal);
    }

    void clear() {
        sent.clear();
        bySid.clear();
        failuresLeft.set(0);
        failureRate = 0;
        stallsLeft.set(0);
        stallRate = 0;
        afterCreateFailureRate = 0;
        failedAfterCreate.set(0);
        stalled.set(0);
        readFailuresLeft.set(0);
        ratePerSender.clear();
        recentBySender.clear();
        rateRefusals.set(0);
    }

    void failNext(int count, int status) {
        failureStatus = status;
        failuresLeft.set(count);
    }

    void failRandomly(double rate, int status) {
        failureStatus = status;
        failureRate = rate;
    }

    void failReadsNext(int count, int status) {
        readFailureStatus = status;
        readFailuresLeft.set(count);
    }

    void stallNext(int count, Duration delay, boolean accept) {
        stallFor = delay;
        stallAccepts = accept;
        stallsLeft.set(count);
    }

    void stallRandomly(double rate, Duration delay, boolean accept) {
        stallFor = delay;
        stallAccepts = accept;
        stallRate = rate;
    }

    void failAfterCreateRandomly(double rate, int status) {
        afterCreateFailureStatus = status;
        afterCreateFailureRate = rate;
    }

    /** Create requests answered 5xx although the message was taken, and create requests stalled, since the reset. */
    Map<String, Long> ambiguousAnswers() {
        return Map.of("failedAfterCreate", failedAfterCreate.get(), "stalled", stalled.get());
    }

    void limitRate(String sender, int perSecond) {
        ratePerSender.put(sender, perSecond);
    }

    long rateRefusals() {
        return rateRefusals.get();
    }

    void statusCallbacks(StatusCallbacks callbacks) {
        StatusCallbacks previous = statusCallbacks;
        statusCallbacks = callbacks;
        if (previous != null) {
            previous.close();
        }
    }

    StatusCallbacks statusCallbacks() {
        return statusCallbacks;
    }

    private record Answer(ResponseDefinition definition) {
    }
}

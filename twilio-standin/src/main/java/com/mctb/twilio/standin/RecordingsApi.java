package com.mctb.twilio.standin;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Twilio does with a caller's voicemail, as far as our services see it: after a {@code <Record>} it posts the
 * recording-status callback, later the transcription callback (both signed with the account's auth token, as Twilio
 * signs them), and serves the recording's audio at {@code /2010-04-01/Accounts/{AccountSid}/Recordings/{Sid}} (WAV;
 * {@code .wav} or no extension) and its metadata at {@code ….json}, only with HTTP basic auth of the account's SID and
 * auth token, as Twilio does for media; a recorded call's ({@link #recordCall}) likewise, and {@code DELETE ….json}
 * deletes a recording (204). A recording Twilio no longer has answers 404 with Twilio's error body. The
 * audio is a real WAV made in code ({@link WavTone}) of the recording's length.
 */
final class RecordingsApi extends StandInResource {

    static final String NAME = "twilio-recordings-api";
    private static final Pattern PATH = Pattern.compile(
            "^/2010-04-01/Accounts/([^/]+)/Recordings/([^/.]+)(\\.json|\\.wav|\\.mp3)?$");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A voicemail as the caller left it: what the test (or the demo) says Twilio recorded. */
    record Voicemail(String accountSid, String authToken, String callSid, String from, String to, int seconds,
            String transcription, String recordingStatusCallback, String transcribeCallback) {
    }

    /** A recording's source as Twilio names it: a voicemail's {@code <Record>}, or a recorded {@code <Dial>}. */
    private record Recording(String sid, Voicemail voicemail, Instant createdAt, String source, int channels) {

        Recording(String sid, Voicemail voicemail, Instant createdAt) {
            this(sid, voicemail, createdAt, "RecordVerb", 1);
        }
    }

    private final MessagesApi journal;
    private final Map<String, Recording> recordings = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stand-in-recording-callbacks");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong callbacksPosted = new AtomicLong();
    private volatile String publicPrefix;
    private volatile String reachablePrefix;
    private volatile Duration transcriptionDelay = Duration.ofMillis(500);

    RecordingsApi(MessagesApi journal) {
        super(NAME);
        this.journal = journal;
    }

    /** Callback URLs starting with {@code publicPrefix} are posted to {@code reachablePrefix} instead. */
    void redirectCallbacks(String publicPrefix, String reachablePrefix) {
        this.publicPrefix = publicPrefix;
        this.reachablePrefix = reachablePrefix;
    }

    void transcriptionDelay(Duration delay) {
        this.transcriptionDelay = delay;
    }

    long callbacksPosted() {
        return callbacksPosted.get();
    }

    /**
     * Twilio recorded a voicemail: the recording exists from now on, its status callback is posted at once and, when
     * the {@code <Record>} asked for one, its transcription callback a moment later (failed when there is no text).
     * Returns the RecordingSid.
     */
    String record(Voicemail voicemail) {
        String sid = "RE" + HexFormat.of().formatHex(randomBytes(16));
        recordings.put(sid, new Recording(sid, voicemail, Instant.now()));
        String mediaUrl = "https://api.twilio.com/2010-04-01/Accounts/" + voicemail.accountSid() + "/Recordings/" + sid;
        if (voicemail.recordingStatusCallback() != null) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("AccountSid", voicemail.accountSid());
            form.put("CallSid", voicemail.callSid());
            form.put("RecordingSid", sid);
            form.put("RecordingUrl", mediaUrl);
            form.put("RecordingStatus", "completed");
            form.put("RecordingDuration", Integer.toString(voicemail.seconds()));
            form.put("RecordingChannels", "1");
            form.put("RecordingStartTime", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                    .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)));
            form.put("RecordingSource", "RecordVerb");
            form.put("ErrorCode", "0");
            scheduler.execute(() -> post(voicemail.authToken(), voicemail.recordingStatusCallback(), form));
        }
        if (voicemail.transcribeCallback() != null) {
            boolean failed = voicemail.transcription() == null;
            String transcriptionSid = "TR" + HexFormat.of().formatHex(randomBytes(16));
            Map<String, String> form = new LinkedHashMap<>();
            form.put("AccountSid", voicemail.accountSid());
            form.put("ApiVersion", "2010-04-01");
            form.put("CallSid", voicemail.callSid());
            form.put("CallStatus", "completed");
            form.put("Direction", "inbound");
            form.put("From", voicemail.from());
            form.put("To", voicemail.to());
            form.put("RecordingSid", sid);
            form.put("RecordingUrl", mediaUrl);
            form.put("TranscriptionSid", transcriptionSid);
            form.put("TranscriptionStatus", failed ? "failed" : "completed");
            form.put("TranscriptionText", failed ? "" : voicemail.transcription());
            form.put("TranscriptionType", "fast");
            form.put("TranscriptionUrl", "https://api.twilio.com/2010-04-01/Accounts/" + voicemail.accountSid()
                    + "/Recordings/" + sid + "/Transcriptions/" + transcriptionSid);
            form.put("url", voicemail.transcribeCallback());
            scheduler.schedule(() -> post(voicemail.authToken(), voicemail.transcribeCallback(), form),
                    transcriptionDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
        return sid;
    }

    /**
     * Twilio recorded an answered call ({@code <Dial record="record-from-answer-dual" recordingStatusCallback>}): the
     * recording exists from now on (two channels) and its status callback is posted at once, as Twilio posts it for a
     * {@code <Dial>}: {@code CallSid} is the caller's (parent) call, {@code RecordingSource} {@code DialVerb}.
     * Returns the RecordingSid.
     */
    String recordCall(String accountSid, String authToken, String callSid, int seconds, Instant startedAt,
            String recordingStatusCallback) {
        String sid = "RE" + HexFormat.of().formatHex(randomBytes(16));
        Voicemail call = new Voicemail(accountSid, authToken, callSid, null, null, seconds, null,
                recordingStatusCallback, null);
        recordings.put(sid, new Recording(sid, call, Instant.now(), "DialVerb", 2));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", accountSid);
        form.put("CallSid", callSid);
        form.put("RecordingSid", sid);
        form.put("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/" + accountSid + "/Recordings/" + sid);
        form.put("RecordingStatus", "completed");
        form.put("RecordingDuration", Integer.toString(seconds));
        form.put("RecordingChannels", "2");
        form.put("RecordingStartTime", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(startedAt.atZone(java.time.ZoneOffset.UTC)));
        form.put("RecordingSource", "DialVerb");
        form.put("RecordingTrack", "both");
        form.put("ErrorCode", "0");
        if (recordingStatusCallback != null) {
            scheduler.execute(() -> post(authToken, recordingStatusCallback, form));
        }
        return sid;
    }

    /** Whether Twilio still has the recording. */
    boolean has(String sid) {
        return recordings.containsKey(sid);
    }

    /** Twilio no longer has the recording (deleted by the account or by a retention policy). */
    boolean delete(String sid) {
        return recordings.remove(sid) != null;
    }

    void clear() {
        recordings.clear();
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        String path = request.getUrl().split("\\?")[0];
        ResponseDefinition answer = answer(request, path);
        journal.record(new ApiRequest(request.getMethod().getName(), path,
                MessagesApi.multiParams(request.getUrl().contains("?") ? request.getUrl().substring(
                        request.getUrl().indexOf('?') + 1) : ""), answer.getStatus()));
        return answer;
    }

    private ResponseDefinition answer(Request request, String path) {
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            return error(404, 20404, "The requested resource " + path + " was not found");
        }
        String accountSid = m.group(1);
        Recording recording = recordings.get(m.group(2));
        // Twilio checks the credential first: without the account's, nothing is told, not even whether it exists.
        String expected = recording == null ? null : recording.voicemail().authToken();
        if (!authorised(request.getHeader("Authorization"), accountSid, expected) && recording != null) {
            return error(401, 20003, "Authenticate");
        }
        if (recording == null || !recording.voicemail().accountSid().equals(accountSid)) {
            return error(404, 20404, "The requested resource " + path + " was not found");
        }
        String extension = m.group(3) == null ? "" : m.group(3);
        if (request.getMethod().getName().equals("DELETE")) {
            if (!extension.equals(".json")) {
                return error(405, 20004, "Method not allowed");
            }
            recordings.remove(recording.sid());
            return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
        }
        if (extension.equals(".json")) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("account_sid", accountSid);
            body.put("call_sid", recording.voicemail().callSid());
            body.put("sid", recording.sid());
            body.put("duration", Integer.toString(recording.voicemail().seconds()));
            body.put("status", "completed");
            body.put("channels", recording.channels());
            body.put("source", recording.source());
            body.put("media_url", "https://api.twilio.com" + path.replace(".json", ""));
            body.put("uri", path);
            return MessagesApi.json(200, body);
        }
        if (extension.equals(".mp3")) {
            return error(404, 20404, "The stand-in serves recordings as WAV only (" + path + ")");
        }
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "audio/x-wav")
                .withBody(WavTone.of(recording.voicemail().seconds(), 8000))
                .build();
    }

    private static boolean authorised(String header, String accountSid, String authToken) {
        if (header == null || !header.startsWith("Basic ") || authToken == null) {
            return false;
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring("Basic ".length()).trim()),
                StandardCharsets.UTF_8);
        return decoded.equals(accountSid + ":" + authToken);
    }

    private static ResponseDefinition error(int status, int code, String message) {
        return MessagesApi.json(status, Map.of("code", code, "message", message,
                "more_info", "https://www.twilio.com/docs/errors/" + code, "status", status));
    }

    private void post(String authToken, String url, Map<String, String> form) {
        String prefix = publicPrefix;
        String reachable = reachablePrefix;
        String target = prefix != null && reachable != null && url.startsWith(prefix)
                ? reachable + url.substring(prefix.length()) : url;
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(target))
                        .timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header(TwilioWebhookSigner.HEADER, TwilioWebhookSigner.sign(authToken, url, form))
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() < 300) {
                    callbacksPosted.incrementAndGet();
                    return;
                }
                if (response.statusCode() < 500) {
                    return; // Twilio retries only what the server could not take
                }
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            try {
                Thread.sleep(1000L << attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void close() {
        scheduler.shutdownNow();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}

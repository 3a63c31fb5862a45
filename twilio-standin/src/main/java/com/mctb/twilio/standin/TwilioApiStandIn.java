package com.mctb.twilio.standin;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.util.List;

/**
 * A local stand-in for Twilio's REST API (api.twilio.com), speaking its wire format: the Twilio SDK in
 * messaging-service is pointed at {@link #baseUrl()} and cannot tell the difference. Runs in a test's JVM or, through
 * {@link #main}, as its own process for the local stack.
 */
public final class TwilioApiStandIn implements AutoCloseable {

    private final WireMockServer server;
    private final MessagesApi messages = new MessagesApi();
    private final RecordingsApi recordings = new RecordingsApi(messages);

    private TwilioApiStandIn(int port) {
        server = new WireMockServer(options()
                .port(port)
                .bindAddress("127.0.0.1")
                .containerThreads(32)
                .disableRequestJournal()
                .extensions(messages, recordings, new ControlApi(messages, recordings)));
        server.stubFor(post(urlPathMatching("/2010-04-01/Accounts/[^/]+/Messages\\.json"))
                .willReturn(aResponse().withTransformers(MessagesApi.NAME)));
        server.stubFor(get(urlPathMatching("/2010-04-01/Accounts/[^/]+/Messages(/[^/]+)?\\.json"))
                .willReturn(aResponse().withTransformers(MessagesApi.NAME)));
        server.stubFor(get(urlPathMatching("/2010-04-01/Accounts/[^/]+/Recordings/[^/]+"))
                .willReturn(aResponse().withTransformers(RecordingsApi.NAME)));
        server.stubFor(any(urlPathMatching("/stand-in/.*"))
                .willReturn(aResponse().withTransformers(ControlApi.NAME)));
    }

    /** Starts on the given port, or on a free one when 0. */
    public static TwilioApiStandIn start(int port) {
        TwilioApiStandIn standIn = new TwilioApiStandIn(port);
        standIn.server.start();
        return standIn;
    }

    public int port() {
        return server.port();
    }

    /** What to configure as the Twilio API base URL instead of https://api.twilio.com. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Every Messages API request accepted so far, oldest first. */
    public List<SentMessage> sentMessages() {
        return messages.sent();
    }

    /** Forgets the messages and any injected failures. */
    public void reset() {
        messages.clear();
    }

    /** The next {@code count} Messages API requests are answered with {@code status} (429 or 5xx). */
    public void failNext(int count, int status) {
        messages.failNext(count, status);
    }

    /** Each request fails with {@code status} at this rate (0 to 1) until {@link #reset()}. */
    public void failRandomly(double rate, int status) {
        messages.failRandomly(rate, status);
    }

    /**
     * The next {@code count} Messages API create requests are answered only after {@code delay}, longer than a
     * client's timeout: an ambiguous outcome. With {@code accept} the message is taken (and listed) all the same, as
     * when Twilio accepted it but the answer was lost; without, it is not.
     */
    public void stallNext(int count, Duration delay, boolean accept) {
        messages.stallNext(count, delay, accept);
    }

    /** The next {@code count} reads of the Messages list are answered with {@code status} (e.g. 401, 500). */
    public void failReadsNext(int count, int status) {
        messages.failReadsNext(count, status);
    }

    /**
     * Refuses (429, Twilio code 20429) a create request from {@code sender} (E.164, without any {@code whatsapp:})
     * when {@code perSecond} of its messages were already accepted in the last second, as a carrier-limited
     * number would. Until {@link #reset()}.
     */
    public void limitRate(String sender, int perSecond) {
        messages.limitRate(sender, perSecond);
    }

    /** How many create requests {@link #limitRate} refused since the last {@link #reset()}. */
    public long rateRefusals() {
        return messages.rateRefusals();
    }

    /**
     * Every request made to the Twilio API paths since the stand-in started (the latest 100,000), oldest first, with
     * its parameters and the status it was answered: {@link #reset()} does not clear it, so a test can check all the
     * traffic of a test run against Twilio's API description.
     */
    public List<ApiRequest> apiRequests() {
        return messages.journal();
    }

    /**
     * From now on, each accepted message that names a StatusCallback gets Twilio's status callbacks, signed with
     * {@code authToken} for the StatusCallback URL: {@code statuses} in order (e.g. sent, delivered), {@code spacing}
     * apart. A callback URL starting with {@code publicPrefix} is posted to {@code reachablePrefix} instead (both
     * null: posted as given), as a proxy in front of the service would.
     */
    public void postStatusCallbacks(String authToken, String publicPrefix, String reachablePrefix, List<String> statuses,
            Duration spacing) {
        messages.statusCallbacks(new StatusCallbacks(authToken, publicPrefix, reachablePrefix, statuses, spacing));
    }

    /** No more status callbacks. */
    public void stopStatusCallbacks() {
        messages.statusCallbacks(null);
    }

    /** Status callbacks answered 2xx so far (since {@link #postStatusCallbacks}). */
    public long statusCallbacksPosted() {
        StatusCallbacks callbacks = messages.statusCallbacks();
        return callbacks == null ? 0 : callbacks.posted();
    }

    /**
     * Twilio recorded a voicemail on a call, as a {@code <Record>} the service answered asked: its recording-status
     * callback is posted (signed with {@code authToken}) to {@code recordingStatusCallback} at once and, when
     * {@code transcribeCallback} is given, its transcription callback a moment later ({@code transcription} null:
     * Twilio could not transcribe it). The recording's audio is then served to that account's credentials.
     *
     * @return the RecordingSid
     */
    public String recordVoicemail(String accountSid, String authToken, String callSid, String from, String to,
            int seconds, String transcription, String recordingStatusCallback, String transcribeCallback) {
        return recordings.record(new RecordingsApi.Voicemail(accountSid, authToken, callSid, from, to, seconds,
                transcription, recordingStatusCallback, transcribeCallback));
    }

    /** Recording callbacks to URLs starting with {@code publicPrefix} go to {@code reachablePrefix} instead. */
    public void redirectRecordingCallbacks(String publicPrefix, String reachablePrefix) {
        recordings.redirectCallbacks(publicPrefix, reachablePrefix);
    }

    /** Twilio no longer has this recording: its audio and metadata answer 404 from now on. */
    public boolean deleteRecording(String recordingSid) {
        return recordings.delete(recordingSid);
    }

    /** Recording and transcription callbacks answered 2xx so far. */
    public long recordingCallbacksPosted() {
        return recordings.callbacksPosted();
    }

    @Override
    public void close() {
        messages.statusCallbacks(null);
        recordings.close();
        server.stop();
    }

    /**
     * {@code java ... TwilioApiStandIn [port]}: runs until the process is stopped. With {@code TWILIO_AUTH_TOKEN} in
     * the environment (and {@code STANDIN_STATUS_CALLBACKS} not {@code false}) it also posts each accepted message's
     * status callbacks (sent, then delivered), signed with that token, as Twilio would; a callback URL starting with
     * {@code STANDIN_CALLBACK_PUBLIC_PREFIX} is posted to {@code STANDIN_CALLBACK_REACHABLE_PREFIX} instead (a public
     * host name in front of a local port, as a proxy would).
     */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8089;
        TwilioApiStandIn standIn = start(port);
        String token = System.getenv("TWILIO_AUTH_TOKEN");
        if (token != null && !token.isBlank() && !"false".equalsIgnoreCase(System.getenv("STANDIN_STATUS_CALLBACKS"))) {
            String publicPrefix = System.getenv("STANDIN_CALLBACK_PUBLIC_PREFIX");
            String reachablePrefix = System.getenv("STANDIN_CALLBACK_REACHABLE_PREFIX");
            boolean redirect = publicPrefix != null && !publicPrefix.isBlank() && reachablePrefix != null
                    && !reachablePrefix.isBlank();
            standIn.postStatusCallbacks(token, redirect ? publicPrefix : null, redirect ? reachablePrefix : null,
                    List.of("sent", "delivered"), Duration.ofMillis(200));
            String voicePublic = System.getenv("STANDIN_VOICE_PUBLIC_PREFIX");
            String voiceReachable = System.getenv("STANDIN_VOICE_REACHABLE_PREFIX");
            if (voicePublic != null && !voicePublic.isBlank() && voiceReachable != null && !voiceReachable.isBlank()) {
                standIn.redirectRecordingCallbacks(voicePublic, voiceReachable);
            }
            System.out.println("Twilio API stand-in posts status callbacks (sent, delivered)");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(standIn::close));
        System.out.println("Twilio API stand-in listening on " + standIn.baseUrl());
        Thread.currentThread().join();
    }
}

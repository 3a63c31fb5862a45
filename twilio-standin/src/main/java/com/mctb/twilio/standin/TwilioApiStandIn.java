package com.mctb.twilio.standin;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A local stand-in for Twilio's REST API (api.twilio.com), speaking its wire format: the Twilio SDK in
 * the services is pointed at {@link #baseUrl()} and cannot tell the difference. Runs in a test's JVM or, through
 * {@link #main}, as its own process for the local stack.
 *
 * <p>Resources: Messages, Recordings, Calls (the legs a {@code <Dial>} placed), Accounts (subaccounts with their own auth tokens), AvailablePhoneNumbers (the
 * seeded pool of fictional numbers in {@link NumberPool}: +1 415/212/312/512/206/305 555-0100…0199 in the US,
 * 416/604 in Canada) and IncomingPhoneNumbers. Started {@linkplain #start(int, String, String) with the platform's
 * credentials} it authenticates every request as Twilio does (a path {@code /Accounts/{X}/…} takes X's token or its
 * owner's); {@linkplain #start(int) without}, accounts it was never told about are open to anyone, as it always was
 * for the Messages API.
 */
public final class TwilioApiStandIn implements AutoCloseable {

    private final WireMockServer server;
    private final Accounts accounts;
    private final MessagesApi messages = new MessagesApi();
    private final RecordingsApi recordings = new RecordingsApi(messages);
    private final NumbersApi numbers;
    private final CallsApi calls;
    private final InboundWebhooks webhooks;

    private TwilioApiStandIn(int port, String platformAccountSid, String platformAuthToken, Path stateFile) {
        accounts = new Accounts(platformAccountSid, platformAuthToken);
        numbers = new NumbersApi(accounts, messages);
        if (stateFile != null) {
            StandInState state = new StandInState(stateFile);
            StandInState.Saved saved = state.load();
            accounts.restore(saved.accounts());
            numbers.restore(saved.numbers());
            Runnable save = () -> state.save(() -> new StandInState.Saved(accounts.kept(), numbers.allHeld()));
            accounts.onChange(save);
            numbers.onChange(save);
        }
        messages.attach(accounts, numbers);
        calls = new CallsApi(accounts, messages);
        webhooks = new InboundWebhooks(accounts, numbers);
        server = new WireMockServer(options()
                .port(port)
                .bindAddress("127.0.0.1")
                .containerThreads(32)
                .disableRequestJournal()
                .extensions(messages, recordings, numbers, calls,
                        new ControlApi(this, messages, recordings)));
        server.stubFor(any(urlPathMatching("/2010-04-01/Accounts(/[^/]+)?\\.json"))
                .willReturn(aResponse().withTransformers(NumbersApi.NAME)));
        server.stubFor(any(urlPathMatching("/2010-04-01/Accounts/[^/]+/(AvailablePhoneNumbers|IncomingPhoneNumbers)/.*"))
                .willReturn(aResponse().withTransformers(NumbersApi.NAME)));
        server.stubFor(any(urlPathMatching("/2010-04-01/Accounts/[^/]+/IncomingPhoneNumbers\\.json"))
                .willReturn(aResponse().withTransformers(NumbersApi.NAME)));
        server.stubFor(post(urlPathMatching("/2010-04-01/Accounts/[^/]+/Messages\\.json"))
                .willReturn(aResponse().withTransformers(MessagesApi.NAME)));
        server.stubFor(get(urlPathMatching("/2010-04-01/Accounts/[^/]+/Messages(/[^/]+)?\\.json"))
                .willReturn(aResponse().withTransformers(MessagesApi.NAME)));
        server.stubFor(get(urlPathMatching("/2010-04-01/Accounts/[^/]+/Recordings/[^/]+"))
                .willReturn(aResponse().withTransformers(RecordingsApi.NAME)));
        server.stubFor(delete(urlPathMatching("/2010-04-01/Accounts/[^/]+/Recordings/[^/]+"))
                .willReturn(aResponse().withTransformers(RecordingsApi.NAME)));
        server.stubFor(any(urlPathMatching("/2010-04-01/Accounts/[^/]+/Calls/[^/]+\\.json"))
                .willReturn(aResponse().withTransformers(CallsApi.NAME)));
        server.stubFor(any(urlPathMatching("/stand-in/.*"))
                .willReturn(aResponse().withTransformers(ControlApi.NAME)));
    }

    /** Starts on the given port, or on a free one when 0, lenient: accounts it does not know are open to anyone. */
    public static TwilioApiStandIn start(int port) {
        return start(port, null, null);
    }

    /**
     * Starts on the given port (0: a free one) with the platform's main account: every request must authenticate
     * with it, or with a subaccount's own credentials on that subaccount's paths, as at Twilio.
     */
    public static TwilioApiStandIn start(int port, String platformAccountSid, String platformAuthToken) {
        return start(port, platformAccountSid, platformAuthToken, null);
    }

    /**
     * As {@link #start(int, String, String)}, remembering its accounts and the numbers they hold in {@code stateFile}
     * as Twilio would across a restart: read at start (when it exists), rewritten at each change. Messages, calls and
     * recordings are not kept. A file it cannot read is moved aside (with a line on stderr) and it starts with none.
     */
    public static TwilioApiStandIn start(int port, String platformAccountSid, String platformAuthToken, Path stateFile) {
        TwilioApiStandIn standIn = new TwilioApiStandIn(port, platformAccountSid, platformAuthToken, stateFile);
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

    /** Forgets the messages and any injected failures (accounts and the numbers they hold stay). */
    public void reset() {
        messages.clear();
        numbers.clearFailures();
    }

    // ------------------------------------------------------------------ accounts and numbers

    /** The platform's main AccountSid when started strict, else null. */
    public String platformAccountSid() {
        return accounts.platformSid();
    }

    /**
     * Creates a subaccount (as {@code POST /Accounts.json} would) of {@code ownerSid}, with its own auth token: for a
     * test that needs a subaccount the service did not create.
     */
    public StandInAccount createSubaccount(String ownerSid, String friendlyName) {
        return accounts.createSubaccount(ownerSid, friendlyName);
    }

    /** An account the stand-in knows (with its auth token). */
    public Optional<StandInAccount> account(String accountSid) {
        return accounts.find(accountSid);
    }

    /** Every account the stand-in knows, oldest first. */
    public List<StandInAccount> accounts() {
        return accounts.all();
    }

    /**
     * The number is already held by {@code accountSid} (a subaccount, the platform, or another business's Twilio
     * account, made on demand with a token only the stand-in knows): what "import" finds, or what a purchase cannot
     * take. Any number in E.164, of the pool or not.
     */
    public HeldNumber seedNumber(String accountSid, String phoneNumber) {
        accounts.find(accountSid).orElseGet(() -> accounts.ensure(accountSid));
        return numbers.hold(accountSid, phoneNumber, "twilio", Map.of());
    }

    /** The number as Twilio holds it (account, VoiceUrl, StatusCallback, SmsUrl, …), if an account holds it. */
    public Optional<HeldNumber> number(String phoneNumber) {
        return numbers.held(phoneNumber);
    }

    /** Every held number, oldest first. */
    public List<HeldNumber> numbers() {
        return numbers.allHeld();
    }

    /**
     * Someone edits the number in Twilio's console: IncomingPhoneNumber parameters such as {@code VoiceUrl},
     * {@code StatusCallback}, {@code SmsUrl}, {@code SmsMethod}.
     */
    public HeldNumber editNumber(String phoneNumber, Map<String, String> twilioParams) {
        return numbers.edit(phoneNumber, twilioParams)
                .orElseThrow(() -> new IllegalArgumentException("no account holds " + phoneNumber));
    }

    /** Releases the number at Twilio (it returns to the pool when it is one of the pool's). */
    public boolean releaseNumber(String phoneNumber) {
        return numbers.release(phoneNumber);
    }

    /** The next {@code count} IncomingPhoneNumbers purchases are refused: {@code status} with Twilio {@code code}. */
    public void refuseNextPurchases(int count, int status, int code) {
        numbers.refuseNextPurchases(count, status, code);
    }

    /**
     * The next purchase is answered only after {@code delay} (longer than a client's timeout); with {@code accept}
     * the number is bought all the same, as when Twilio took it but the answer was lost.
     */
    public void stallNextPurchase(Duration delay, boolean accept) {
        numbers.stallNextPurchase(delay, accept);
    }

    /**
     * While true, the Accounts, AvailablePhoneNumbers and IncomingPhoneNumbers resources reset every connection, as
     * an unreachable Twilio would (the Messages resource keeps answering). {@link #reset()} ends it.
     */
    public void numbersUnreachable(boolean unreachable) {
        numbers.unreachable(unreachable);
    }

    /**
     * Someone calls {@code to}: Twilio's incoming-call webhook is posted to the number's VoiceUrl, with the holding
     * account's AccountSid and signed with that account's token. Answers what the service answered (TwiML).
     */
    public WebhookAnswer ring(String from, String to) {
        return webhooks.ring(from, to);
    }

    /** Someone texts {@code to}: the inbound-message webhook to the number's SmsUrl, signed as {@link #ring}. */
    public WebhookAnswer text(String from, String to, String body) {
        return webhooks.text(from, to, body);
    }

    /** Webhooks of {@link #ring} and {@link #text} to URLs starting with {@code publicPrefix} go to {@code reachablePrefix}. */
    public void redirectWebhooks(String publicPrefix, String reachablePrefix) {
        webhooks.redirect(publicPrefix, reachablePrefix);
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

    /**
     * Each create request is, at this rate (0 to 1), answered only after {@code delay} (longer than the client's
     * timeout), taken or not as {@link #stallNext} says; until {@link #reset()}.
     */
    public void stallRandomly(double rate, Duration delay, boolean accept) {
        messages.stallRandomly(rate, delay, accept);
    }

    /**
     * Each create request that would be accepted is, at this rate (0 to 1), accepted — the message exists, is listed
     * and fetched, and its status callbacks are posted — but answered {@code status} (502: Twilio's edge failed
     * after Twilio took it), so a client that believes the status has not sent what it did send; until
     * {@link #reset()}.
     */
    public void failAfterCreateRandomly(double rate, int status) {
        messages.failAfterCreateRandomly(rate, status);
    }

    /** How many creates were answered 5xx after the message was taken, and how many were stalled, since the reset. */
    public Map<String, Long> ambiguousAnswers() {
        return messages.ambiguousAnswers();
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

    /**
     * As {@link #recordVoicemail(String, String, String, String, String, int, String, String, String)}, on a call to a
     * number an account holds at the stand-in: the callbacks carry that account's SID and are signed with its token.
     */
    public String recordVoicemail(String callSid, String from, String to, int seconds, String transcription,
            String recordingStatusCallback, String transcribeCallback) {
        HeldNumber number = numbers.held(to)
                .orElseThrow(() -> new IllegalArgumentException("no account holds " + to + " at the stand-in"));
        String token = accounts.signingToken(number.accountSid());
        if (token == null) {
            throw new IllegalStateException("the stand-in knows no auth token of " + number.accountSid());
        }
        return recordVoicemail(number.accountSid(), token, callSid, from, to, seconds, transcription,
                recordingStatusCallback, transcribeCallback);
    }

    /**
     * Twilio recorded an answered call, as a {@code <Dial record="record-from-answer-dual" recordingStatusCallback>}
     * asked: its recording-status callback (signed with {@code authToken}; {@code CallSid} the caller's call,
     * {@code RecordingSource=DialVerb}, two channels) is posted to {@code recordingStatusCallback} at once. The audio is
     * then served to that account's credentials, and {@code DELETE …/Recordings/{Sid}.json} deletes it.
     *
     * @return the RecordingSid
     */
    public String recordCall(String accountSid, String authToken, String callSid, int seconds, java.time.Instant startedAt,
            String recordingStatusCallback) {
        return recordings.recordCall(accountSid, authToken, callSid, seconds, startedAt, recordingStatusCallback);
    }

    /**
     * A {@code <Dial>} on the call {@code parentCallSid} (to a number of {@code accountSid}) was answered by {@code to}
     * (a number, or {@code client:identity}), and they talked for {@code seconds}: Twilio's child call exists from now
     * on, fetched as the Call resource ({@code GET /2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json}, with
     * {@code to}, {@code parent_call_sid}, {@code direction=outbound-dial}, {@code status=completed}). {@code from} is
     * the caller ID the dial showed.
     *
     * @return the child call's CallSid: the {@code DialCallSid} Twilio posts to the dial's {@code action}
     */
    public String answerDial(String accountSid, String parentCallSid, String from, String to, int seconds) {
        return calls.answered(accountSid, parentCallSid, from, to, seconds);
    }

    /** Whether the stand-in (Twilio) still has this recording. */
    public boolean hasRecording(String recordingSid) {
        return recordings.has(recordingSid);
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
     * host name in front of a local port, as a proxy would). With {@code TWILIO_ACCOUNT_SID} too it authenticates as
     * Twilio (that account is the platform's main account; see {@link #start(int, String, String)}).
     * {@code STANDIN_WEBHOOK_PUBLIC_PREFIXES} and {@code STANDIN_WEBHOOK_REACHABLE_PREFIXES} (comma-separated, pairwise)
     * redirect the webhooks of calls and texts placed through the control API. With {@code STANDIN_STATE_FILE} it keeps
     * its accounts and numbers in that file across restarts ({@link #start(int, String, String, Path)}).
     */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8089;
        String token = System.getenv("TWILIO_AUTH_TOKEN");
        String platformSid = System.getenv("TWILIO_ACCOUNT_SID");
        boolean strict = platformSid != null && !platformSid.isBlank() && token != null && !token.isBlank();
        String stateFile = System.getenv("STANDIN_STATE_FILE");
        Path state = stateFile == null || stateFile.isBlank() ? null : Path.of(stateFile.trim());
        TwilioApiStandIn standIn = strict ? start(port, platformSid, token, state) : start(port, null, null, state);
        if (state != null) {
            System.out.println("Twilio API stand-in keeps its accounts and numbers in " + state + " ("
                    + standIn.accounts().size() + " accounts and " + standIn.numbers().size() + " numbers read)");
        }
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
        String webhookPublic = System.getenv("STANDIN_WEBHOOK_PUBLIC_PREFIXES");
        String webhookReachable = System.getenv("STANDIN_WEBHOOK_REACHABLE_PREFIXES");
        if (webhookPublic != null && webhookReachable != null) {
            String[] from = webhookPublic.split(",");
            String[] to = webhookReachable.split(",");
            for (int i = 0; i < Math.min(from.length, to.length); i++) {
                standIn.redirectWebhooks(from[i].trim(), to[i].trim());
            }
        }
        System.out.println("Twilio API stand-in " + (strict ? "authenticates as Twilio (platform account "
                + platformSid + ")" : "is lenient (no TWILIO_ACCOUNT_SID): unknown accounts are open"));
        Runtime.getRuntime().addShutdownHook(new Thread(standIn::close));
        System.out.println("Twilio API stand-in listening on " + standIn.baseUrl());
        Thread.currentThread().join();
    }
}

package com.mctb.gateway.twiml;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Client;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Number;
import com.twilio.twiml.voice.Play;
import com.twilio.twiml.voice.Record;
import com.twilio.twiml.voice.Say;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The TwiML the gateway answers with, built with the Twilio SDK's builders. The SDK's {@code toXml()} sets up a
 * {@code DocumentBuilderFactory} and a {@code TransformerFactory} per document (about as costly as the rest of a
 * webhook), and a number's answers are the same for every call to it; so each document is built once per distinct
 * input and kept ({@link #KEPT} documents at most, then started afresh), and the fixed ones once.
 */
public final class CallAnswers {

    /** Distinct documents kept: one dial and one voicemail per number in use is far below it. */
    static final int KEPT = 10_000;
    private static final String EMPTY = new VoiceResponse.Builder().build().toXml();
    private static final String HANG_UP = new VoiceResponse.Builder().hangup(new Hangup.Builder().build()).build().toXml();
    private static final Map<Object, String> DOCUMENTS = new ConcurrentHashMap<>();

    private CallAnswers() {
    }

    private record DialKey(List<String> targets, int timeoutSeconds, boolean answerOnBridge, String callerId,
            String actionUrl, String screenUrl, Recording recording) {
    }

    /**
     * Recording of an answered call: Twilio records both channels from the answer and posts the recording's status
     * to {@code statusCallbackUrl}; the caller first hears the consent, {@code consentAudioUrl} played when there is
     * one, else {@code consentText} spoken (null for both: no announcement, as on the later legs of a sequential
     * pattern, whose caller heard it before the first).
     */
    public record Recording(String statusCallbackUrl, String consentAudioUrl, String consentText) {
    }

    private record VoicemailKey(String greetingUrl, String businessName, int maxSeconds, String recordingStatusUrl,
            String afterRecordingUrl, String transcriptionUrl) {
    }

    private record ScreenKey(String businessName, int seconds, String confirmedUrl) {
    }

    private static <K> String kept(K key, Function<K, String> build) {
        String xml = DOCUMENTS.get(key);
        if (xml == null) {
            if (DOCUMENTS.size() >= KEPT) {
                DOCUMENTS.clear();
            }
            xml = build.apply(key);
            DOCUMENTS.putIfAbsent(key, xml);
        }
        return xml;
    }

    /**
     * Rings the forward-to targets together for {@code timeoutSeconds}; Twilio then posts the outcome to
     * {@code actionUrl}. With a {@code screenUrl}, whoever picks up first hears that TwiML (human-answer
     * confirmation) before the caller is connected.
     */
    public static String dial(List<String> targets, int timeoutSeconds, boolean answerOnBridge, String callerId,
            String actionUrl, String screenUrl) {
        return dial(targets, timeoutSeconds, answerOnBridge, callerId, actionUrl, screenUrl, null);
    }

    /** As {@link #dial(List, int, boolean, String, String, String)}, recorded when {@code recording} is not null. */
    public static String dial(List<String> targets, int timeoutSeconds, boolean answerOnBridge, String callerId,
            String actionUrl, String screenUrl, Recording recording) {
        return kept(new DialKey(List.copyOf(targets), timeoutSeconds, answerOnBridge, callerId, actionUrl, screenUrl,
                        recording),
                k -> buildDial(k.targets(), k.timeoutSeconds(), k.answerOnBridge(), k.callerId(), k.actionUrl(),
                        k.screenUrl(), k.recording()));
    }

    static String buildDial(List<String> targets, int timeoutSeconds, boolean answerOnBridge, String callerId,
            String actionUrl, String screenUrl) {
        return buildDial(targets, timeoutSeconds, answerOnBridge, callerId, actionUrl, screenUrl, null);
    }

    static String buildDial(List<String> targets, int timeoutSeconds, boolean answerOnBridge, String callerId,
            String actionUrl, String screenUrl, Recording recording) {
        Dial.Builder dial = new Dial.Builder()
                .timeout(timeoutSeconds)
                .action(actionUrl)
                .method(HttpMethod.POST)
                .answerOnBridge(answerOnBridge);
        if (callerId != null) {
            dial.callerId(callerId);
        }
        VoiceResponse.Builder response = new VoiceResponse.Builder();
        if (recording != null) {
            dial.record(Dial.Record.RECORD_FROM_ANSWER_DUAL)
                    .recordingStatusCallback(recording.statusCallbackUrl())
                    .recordingStatusCallbackMethod(HttpMethod.POST);
            if (recording.consentAudioUrl() != null && !recording.consentAudioUrl().isBlank()) {
                response.play(new Play.Builder(recording.consentAudioUrl()).build());
            } else if (recording.consentText() != null && !recording.consentText().isBlank()) {
                response.say(new Say.Builder(recording.consentText()).build());
            }
        }
        for (String target : targets) {
            if (target.startsWith("client:")) {
                Client.Builder client = new Client.Builder(target.substring("client:".length()));
                if (screenUrl != null) {
                    client.url(screenUrl).method(HttpMethod.POST);
                }
                dial.client(client.build());
            } else {
                Number.Builder number = new Number.Builder(target);
                if (screenUrl != null) {
                    number.url(screenUrl).method(HttpMethod.POST);
                }
                dial.number(number.build());
            }
        }
        return response.dial(dial.build()).build().toXml();
    }

    /**
     * The voicemail after a missed call: the custom greeting when there is one, otherwise a spoken default with the
     * business's name; then a recording whose status Twilio posts to {@code recordingStatusUrl} and whose
     * transcription (asked for here) it posts to {@code transcriptionUrl}.
     */
    public static String voicemail(String greetingUrl, String businessName, int maxSeconds, String recordingStatusUrl,
            String afterRecordingUrl, String transcriptionUrl) {
        return kept(new VoicemailKey(greetingUrl, businessName, maxSeconds, recordingStatusUrl, afterRecordingUrl,
                transcriptionUrl), k -> buildVoicemail(k.greetingUrl(), k.businessName(), k.maxSeconds(),
                        k.recordingStatusUrl(), k.afterRecordingUrl(), k.transcriptionUrl()));
    }

    static String buildVoicemail(String greetingUrl, String businessName, int maxSeconds, String recordingStatusUrl,
            String afterRecordingUrl, String transcriptionUrl) {
        VoiceResponse.Builder response = new VoiceResponse.Builder();
        if (greetingUrl != null) {
            response.play(new Play.Builder(greetingUrl).build());
        } else {
            response.say(new Say.Builder(defaultGreeting(businessName)).build());
        }
        response.record(new Record.Builder()
                .maxLength(maxSeconds)
                .finishOnKey("#")
                .trim(Record.Trim.TRIM_SILENCE)
                .playBeep(true)
                .action(afterRecordingUrl)
                .method(HttpMethod.POST)
                .recordingStatusCallback(recordingStatusUrl)
                .recordingStatusCallbackMethod(HttpMethod.POST)
                .transcribe(true)
                .transcribeCallback(transcriptionUrl)
                .build());
        return response.hangup(new Hangup.Builder().build()).build().toXml();
    }

    /**
     * Played to whoever picks up a screened forward: a person presses a key (posted to {@code confirmedUrl}) and is
     * connected; a voicemail system never presses, so the forwarded leg is hung up and the call counts as missed.
     */
    public static String screen(String businessName, int seconds, String confirmedUrl) {
        return kept(new ScreenKey(businessName, seconds, confirmedUrl),
                k -> buildScreen(k.businessName(), k.seconds(), k.confirmedUrl()));
    }

    static String buildScreen(String businessName, int seconds, String confirmedUrl) {
        String who = businessName == null || businessName.isBlank() ? "your business" : businessName;
        return new VoiceResponse.Builder()
                .gather(new Gather.Builder()
                        .numDigits(1)
                        .timeout(seconds)
                        .action(confirmedUrl)
                        .method(HttpMethod.POST)
                        .say(new Say.Builder("Incoming call for " + who + ". Press any key to answer.").build())
                        .build())
                .hangup(new Hangup.Builder().build())
                .build().toXml();
    }

    /** Ends the call. */
    public static String hangUp() {
        return HANG_UP;
    }

    /** Nothing more to do (the call was answered). */
    public static String empty() {
        return EMPTY;
    }

    static String defaultGreeting(String businessName) {
        String who = businessName == null || businessName.isBlank() ? "us" : businessName;
        return "Sorry we missed your call at " + who + ". Please leave a message after the tone, "
                + "and we will get back to you.";
    }
}

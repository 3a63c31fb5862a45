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

/** The TwiML the gateway answers with, built with the Twilio SDK's builders. */
public final class CallAnswers {

    private CallAnswers() {
    }

    /**
     * Rings the forward-to targets together for {@code timeoutSeconds}; Twilio then posts the outcome to
     * {@code actionUrl}. With a {@code screenUrl}, whoever picks up first hears that TwiML (human-answer
     * confirmation) before the caller is connected.
     */
    public static String dial(List<String> targets, int timeoutSeconds, boolean answerOnBridge, String callerId,
            String actionUrl, String screenUrl) {
        Dial.Builder dial = new Dial.Builder()
                .timeout(timeoutSeconds)
                .action(actionUrl)
                .method(HttpMethod.POST)
                .answerOnBridge(answerOnBridge);
        if (callerId != null) {
            dial.callerId(callerId);
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
        return new VoiceResponse.Builder().dial(dial.build()).build().toXml();
    }

    /**
     * The voicemail after a missed call: the custom greeting when there is one, otherwise a spoken default with the
     * business's name; then a recording whose status Twilio posts to {@code recordingStatusUrl} and whose
     * transcription (asked for here) it posts to {@code transcriptionUrl}.
     */
    public static String voicemail(String greetingUrl, String businessName, int maxSeconds, String recordingStatusUrl,
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
        return new VoiceResponse.Builder().hangup(new Hangup.Builder().build()).build().toXml();
    }

    /** Nothing more to do (the call was answered). */
    public static String empty() {
        return new VoiceResponse.Builder().build().toXml();
    }

    static String defaultGreeting(String businessName) {
        String who = businessName == null || businessName.isBlank() ? "us" : businessName;
        return "Sorry we missed your call at " + who + ". Please leave a message after the tone, "
                + "and we will get back to you.";
    }
}

package com.mctb.gateway.twiml;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.gateway.voice.TwiMl;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class CallAnswersTest {

    @Test
    void dialRingsEveryTargetTogetherWithTheTimeoutAndCallback() {
        TwiMl twiml = TwiMl.parse(CallAnswers.dial(List.of("+15550001111", "client:front-desk"), 15, true, null,
                "https://hooks.example/twilio/voice/dial-complete", null));

        assertThat(twiml.root().getTagName()).isEqualTo("Response");
        Element dial = twiml.one("Dial");
        assertThat(dial.getAttribute("timeout")).isEqualTo("15");
        assertThat(dial.getAttribute("action")).isEqualTo("https://hooks.example/twilio/voice/dial-complete");
        assertThat(dial.getAttribute("method")).isEqualTo("POST");
        assertThat(dial.getAttribute("answerOnBridge")).isEqualTo("true");
        assertThat(dial.hasAttribute("callerId")).isFalse();
        assertThat(twiml.one("Number").getTextContent()).isEqualTo("+15550001111");
        assertThat(twiml.one("Client").getTextContent()).isEqualTo("front-desk");
    }

    @Test
    void voicemailSpeaksTheBusinessNameThenRecordsWithACallbackAndAsksForATranscription() {
        TwiMl twiml = TwiMl.parse(CallAnswers.voicemail(null, "Glow Aesthetics", 120,
                "https://hooks.example/twilio/voice/recording-complete", "https://hooks.example/twilio/voice/voicemail-done",
                "https://hooks.example/twilio/voice/transcription"));

        assertThat(twiml.verbs()).containsExactly("Say", "Record", "Hangup");
        assertThat(twiml.one("Say").getTextContent()).contains("Glow Aesthetics");
        Element record = twiml.one("Record");
        assertThat(record.getAttribute("maxLength")).isEqualTo("120");
        assertThat(record.getAttribute("finishOnKey")).isEqualTo("#");
        assertThat(record.getAttribute("trim")).isEqualTo("trim-silence");
        assertThat(record.getAttribute("recordingStatusCallback"))
                .isEqualTo("https://hooks.example/twilio/voice/recording-complete");
        assertThat(record.getAttribute("action")).isEqualTo("https://hooks.example/twilio/voice/voicemail-done");
        assertThat(record.getAttribute("transcribe")).isEqualTo("true");
        assertThat(record.getAttribute("transcribeCallback"))
                .isEqualTo("https://hooks.example/twilio/voice/transcription");
    }

    @Test
    void aCustomGreetingIsPlayedInsteadOfTheSpokenOne() {
        TwiMl twiml = TwiMl.parse(CallAnswers.voicemail("https://files.example/g/abc.mp3", "Glow", 60, "https://r", "https://a",
                "https://t"));

        assertThat(twiml.verbs()).containsExactly("Play", "Record", "Hangup");
        assertThat(twiml.one("Play").getTextContent()).isEqualTo("https://files.example/g/abc.mp3");
    }

    @Test
    void aDocumentIsBuiltOncePerInputAndIsTheSameAsAFreshOne() {
        List<String> targets = List.of("+15550002222");
        String first = CallAnswers.dial(targets, 20, false, "+15557654321", "https://h/dial-complete", "https://h/screen");
        String again = CallAnswers.dial(List.of("+15550002222"), 20, false, "+15557654321", "https://h/dial-complete",
                "https://h/screen");

        assertThat(again).isSameAs(first)
                .isEqualTo(CallAnswers.buildDial(targets, 20, false, "+15557654321", "https://h/dial-complete",
                        "https://h/screen"));
        assertThat(CallAnswers.dial(targets, 21, false, "+15557654321", "https://h/dial-complete", "https://h/screen"))
                .isNotEqualTo(first).contains("timeout=\"21\"");
        assertThat(CallAnswers.voicemail(null, "Glow", 60, "https://r", "https://a", "https://t"))
                .isEqualTo(CallAnswers.buildVoicemail(null, "Glow", 60, "https://r", "https://a", "https://t"));
        assertThat(CallAnswers.screen("Glow", 8, "https://s")).isEqualTo(CallAnswers.buildScreen("Glow", 8, "https://s"));
    }

    @Test
    void theFixedDocumentsAreValidTwiMl() {
        assertThat(TwiMl.parse(CallAnswers.empty()).root().getTagName()).isEqualTo("Response");
        assertThat(TwiMl.parse(CallAnswers.empty()).verbs()).isEmpty();
        assertThat(TwiMl.parse(CallAnswers.hangUp()).verbs()).containsExactly("Hangup");
    }
}

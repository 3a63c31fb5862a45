package com.mctb.gateway.twiml;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.kit.twilio.TwilioSignatures;
import com.mctb.twilio.standin.TwilioWebhookSigner;
import com.twilio.security.RequestValidator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Not part of the suite (no *Test suffix): the CPU a dial-complete webhook spends on its signature and its TwiML,
 * as before (the SDK's RequestValidator, two HMACs and a Mac set up per request; the SDK's toXml with its XML
 * factories per document) and now (one HMAC with a kept Mac; the document kept). One thread, thread CPU time, after a
 * warm-up; a micro check without JMH. Run it alone:
 * {@code ./mvnw -B -o -pl call-gateway test -Dtest=WebhookCostBench -Dsurefire.failIfNoSpecifiedTests=false}
 */
class WebhookCostBench {

    private static final int WARMUP = 20_000;
    private static final int ROUNDS = 50_000;
    private static final String TOKEN = "test-auth-token";
    private static final String URL = "https://hooks.gateway.test/twilio/voice/dial-complete";
    private static final String BASE = "https://hooks.gateway.test/twilio/voice/";

    @Test
    void perWebhookCostOfTheSignatureAndTheTwiMl() {
        Map<String, String> params = new TreeMap<>(Map.of("AccountSid", "AC00000000000000000000000000000001",
                "CallSid", "CA0123456789abcdef0123456789abcdef", "From", "+15551230001", "To", "+15557654321",
                "CallStatus", "in-progress", "Direction", "inbound", "DialCallStatus", "no-answer",
                "DialCallSid", "CAffffffffffffffffffffffffffffffff"));
        String signature = TwilioWebhookSigner.sign(TOKEN, URL, params);

        double sdkSignature = microsPerCall(() -> new RequestValidator(TOKEN).validate(URL, params, signature));
        double ourSignature = microsPerCall(() -> TwilioSignatures.matches(TOKEN, URL, params, signature));
        double sdkTwiml = microsPerCall(() -> CallAnswers.buildVoicemail(null, "Glow Aesthetics", 120,
                BASE + "recording-complete", BASE + "voicemail-done", BASE + "transcription").length() > 0);
        double keptTwiml = microsPerCall(() -> CallAnswers.voicemail(null, "Glow Aesthetics", 120,
                BASE + "recording-complete", BASE + "voicemail-done", BASE + "transcription").length() > 0);
        double sdkDial = microsPerCall(() -> CallAnswers.buildDial(List.of("+15550001111"), 17, true, null,
                BASE + "dial-complete", null).length() > 0);
        double keptDial = microsPerCall(() -> CallAnswers.dial(List.of("+15550001111"), 17, true, null,
                BASE + "dial-complete", null).length() > 0);

        System.out.printf("signature: SDK RequestValidator %.1f µs, TwilioSignatures %.1f µs%n", sdkSignature, ourSignature);
        System.out.printf("voicemail TwiML: SDK toXml %.1f µs, kept %.2f µs%n", sdkTwiml, keptTwiml);
        System.out.printf("dial TwiML: SDK toXml %.1f µs, kept %.2f µs%n", sdkDial, keptDial);
        assertThat(ourSignature).isLessThan(sdkSignature);
        assertThat(keptTwiml).isLessThan(sdkTwiml);
    }

    private static double microsPerCall(BooleanSupplier call) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < WARMUP; i++) {
            assertThat(call.getAsBoolean()).isTrue();
        }
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < ROUNDS; i++) {
            if (!call.getAsBoolean()) {
                throw new AssertionError("the call failed");
            }
        }
        return (threads.getCurrentThreadCpuTime() - start) / 1_000.0 / ROUNDS;
    }
}

package com.mctb.settings.domain.twilio;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a number's configuration at Twilio is (or should be): where Twilio posts a call to it (VoiceUrl), the call's
 * end (StatusCallback) and a text to it (SmsUrl), each with its HTTP method.
 */
public record NumberConfiguration(String voiceUrl, String voiceMethod, String statusCallback,
        String statusCallbackMethod, String smsUrl, String smsMethod) {

    /** call-gateway's and messaging-service's webhook paths, as their resources declare them. */
    public static final String VOICE_PATH = "/twilio/voice/incoming";
    public static final String STATUS_PATH = "/twilio/voice/status";
    public static final String SMS_PATH = "/twilio/messaging/inbound";

    /**
     * The configuration every number of the product has: the gateway's voice webhooks and messaging-service's inbound
     * webhook under their public base URLs (a trailing slash is dropped), all POST.
     */
    public static NumberConfiguration expected(String voicePublicBase, String messagingPublicBase) {
        String voice = trim(voicePublicBase);
        String messaging = trim(messagingPublicBase);
        return new NumberConfiguration(voice + VOICE_PATH, "POST", voice + STATUS_PATH, "POST", messaging + SMS_PATH,
                "POST");
    }

    /**
     * What differs in {@code actual} from this (expected) configuration, field by field; empty when nothing. URLs
     * compare exactly (Twilio calls them as written, and the signature covers them); methods without regard to
     * case, an unset method being Twilio's default, POST.
     */
    public List<Drift> driftOf(NumberConfiguration actual) {
        List<Drift> drift = new ArrayList<>();
        url("voiceUrl", voiceUrl, actual.voiceUrl, drift);
        method("voiceMethod", voiceMethod, actual.voiceMethod, drift);
        url("statusCallback", statusCallback, actual.statusCallback, drift);
        method("statusCallbackMethod", statusCallbackMethod, actual.statusCallbackMethod, drift);
        url("smsUrl", smsUrl, actual.smsUrl, drift);
        method("smsMethod", smsMethod, actual.smsMethod, drift);
        return drift;
    }

    private static void url(String field, String expected, String actual, List<Drift> drift) {
        String a = actual == null || actual.isBlank() ? null : actual.trim();
        if (!Objects.equals(expected, a)) {
            drift.add(new Drift(field, expected, a));
        }
    }

    private static void method(String field, String expected, String actual, List<Drift> drift) {
        String a = actual == null || actual.isBlank() ? "POST" : actual.trim().toUpperCase(Locale.ROOT);
        if (!expected.equals(a)) {
            drift.add(new Drift(field, expected, a));
        }
    }

    private static String trim(String base) {
        String b = base.trim();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return b;
    }
}

package com.mctb.twilio.standin;

import java.time.Instant;

/**
 * A phone number an account holds at the stand-in (an IncomingPhoneNumber), with its configuration as Twilio stores
 * it: what a test asserts after the service configured it, and what it edits to play "someone changed it in the
 * console".
 */
public record HeldNumber(String sid, String accountSid, String phoneNumber, String friendlyName, String voiceUrl,
        String voiceMethod, String statusCallback, String statusCallbackMethod, String smsUrl, String smsMethod,
        String voiceFallbackUrl, String smsFallbackUrl, String origin, Instant createdAt, Instant updatedAt) {

    HeldNumber withAccount(String account) {
        return new HeldNumber(sid, account, phoneNumber, friendlyName, voiceUrl, voiceMethod, statusCallback,
                statusCallbackMethod, smsUrl, smsMethod, voiceFallbackUrl, smsFallbackUrl, origin, createdAt,
                Instant.now());
    }

    /** This number with the given IncomingPhoneNumber parameters (VoiceUrl, SmsMethod, …) applied. */
    HeldNumber with(java.util.Map<String, String> params) {
        return new HeldNumber(sid, accountSid, phoneNumber,
                params.getOrDefault("FriendlyName", friendlyName),
                params.getOrDefault("VoiceUrl", voiceUrl),
                params.getOrDefault("VoiceMethod", voiceMethod),
                params.getOrDefault("StatusCallback", statusCallback),
                params.getOrDefault("StatusCallbackMethod", statusCallbackMethod),
                params.getOrDefault("SmsUrl", smsUrl),
                params.getOrDefault("SmsMethod", smsMethod),
                params.getOrDefault("VoiceFallbackUrl", voiceFallbackUrl),
                params.getOrDefault("SmsFallbackUrl", smsFallbackUrl),
                origin, createdAt, Instant.now());
    }
}

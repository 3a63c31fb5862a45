package com.mctb.settings.domain;

import com.mctb.settings.domain.audio.AudioFormat;
import java.time.Instant;

/**
 * A voicemail greeting uploaded at one level. The audio itself stays in the database; this is what the settings
 * need to point Twilio at it.
 *
 * @param publicToken the unguessable part of the URL Twilio fetches it at; a new one for every upload
 */
public record CustomGreeting(String publicToken, AudioFormat format, long sizeBytes, long durationMillis,
        Instant uploadedAt) {
}

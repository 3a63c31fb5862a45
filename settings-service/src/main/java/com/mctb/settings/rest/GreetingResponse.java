package com.mctb.settings.rest;

import java.time.Instant;

/**
 * A custom greeting as uploaded.
 *
 * @param durationSeconds read from the audio itself
 * @param previewUrl      where the account plays it (needs the account's token; supports Range)
 * @param publicUrl       what Twilio fetches for {@code <Play>}: no credential, an unguessable name
 */
public record GreetingResponse(String level, String format, String contentType, long sizeBytes,
        double durationSeconds, Instant uploadedAt, String previewUrl, String publicUrl) {
}

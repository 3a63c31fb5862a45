package com.mctb.settings.domain.audio;

/**
 * What a greeting file turned out to be, read from its content.
 *
 * @param durationMillis how long it plays, from the frames or samples in the file
 * @param encoding       for people, e.g. "MPEG-1 Layer III, 128 kbps" or "PCM 16-bit"
 */
public record InspectedAudio(AudioFormat format, long durationMillis, int sampleRate, int channels, String encoding) {
}

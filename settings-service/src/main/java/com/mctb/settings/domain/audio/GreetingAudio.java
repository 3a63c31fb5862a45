package com.mctb.settings.domain.audio;

import java.time.Duration;
import java.util.Locale;

/**
 * The rules an uploaded audio (a voicemail greeting or a recording consent announcement) must meet: an MP3 or a PCM
 * WAV, recognised by its content (never by its name or declared type), at most 10 MB and 3 minutes long.
 */
public final class GreetingAudio {

    /** 10 MB (MiB): what Twilio fetches quickly enough for {@code <Play>}. */
    public static final long MAX_BYTES = 10L * 1024 * 1024;
    public static final Duration MAX_DURATION = Duration.ofMinutes(3);
    /** Shorter than this there is nothing to hear. */
    public static final Duration MIN_DURATION = Duration.ofMillis(100);

    private GreetingAudio() {
    }

    /** Refuses a file larger than allowed before it is read. */
    public static void checkSize(long bytes) {
        if (bytes > MAX_BYTES) {
            throw new AudioRefusedException(AudioRefusal.TOO_LARGE, "the file is " + megabytes(bytes)
                    + "; at most 10 MB is accepted");
        }
    }

    /**
     * Reads the file's content and returns what it is.
     *
     * @throws AudioRefusedException saying why the file cannot be played to a caller
     */
    public static InspectedAudio check(byte[] file) {
        if (file == null || file.length == 0) {
            throw new AudioRefusedException(AudioRefusal.EMPTY, "the file is empty");
        }
        checkSize(file.length);
        InspectedAudio audio;
        if (WavAudio.looksLikeWav(file)) {
            audio = WavAudio.inspect(file);
        } else {
            audio = Mp3Audio.inspect(file);
        }
        if (audio.durationMillis() > MAX_DURATION.toMillis()) {
            throw new AudioRefusedException(AudioRefusal.TOO_LONG, "the audio plays for " + seconds(audio.durationMillis())
                    + "; at most " + MAX_DURATION.toSeconds() + " seconds (3 minutes) is accepted");
        }
        if (audio.durationMillis() < MIN_DURATION.toMillis()) {
            throw new AudioRefusedException(AudioRefusal.EMPTY, "the audio plays for " + seconds(audio.durationMillis())
                    + ": there is nothing to hear");
        }
        return audio;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f seconds", millis / 1000.0);
    }
}

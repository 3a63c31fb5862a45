package com.mctb.settings.domain.audio;

import java.util.Locale;

/** Why an uploaded audio (a greeting or a consent announcement) was refused; also the refusal metric's label. */
public enum AudioRefusal {
    /** No file, or a file with no audio in it. */
    EMPTY,
    /** Larger than {@link GreetingAudio#MAX_BYTES}. */
    TOO_LARGE,
    /** Longer than {@link GreetingAudio#MAX_DURATION}. */
    TOO_LONG,
    /** Neither MPEG audio frames nor a RIFF/WAVE file. */
    NOT_AUDIO,
    /** A WAV or MPEG file in an encoding we do not accept (e.g. float WAV, MP2). */
    UNSUPPORTED_ENCODING,
    /** The file ends before the audio its headers declare. */
    TRUNCATED;

    /** The metric label: lower case, dashes. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

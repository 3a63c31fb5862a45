package com.mctb.settings.domain.audio;

import com.mctb.settings.domain.AudioPurpose;

/**
 * A file that cannot be played to a caller, with the reason in words a business owner can act on, and what it was
 * uploaded as (a greeting or a consent announcement: their refusals are answered differently).
 */
public class AudioRefusedException extends RuntimeException {

    private final AudioRefusal reason;
    private final AudioPurpose purpose;

    /** A refusal of a greeting (the checks themselves do not know what the file is for). */
    public AudioRefusedException(AudioRefusal reason, String message) {
        this(reason, message, AudioPurpose.GREETING, null);
    }

    public AudioRefusedException(AudioRefusal reason, String message, AudioPurpose purpose) {
        this(reason, message, purpose, null);
    }

    private AudioRefusedException(AudioRefusal reason, String message, AudioPurpose purpose, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.purpose = purpose;
    }

    /** The same refusal, of a file uploaded as {@code purpose}. */
    public AudioRefusedException of(AudioPurpose purpose) {
        return purpose == this.purpose ? this : new AudioRefusedException(reason, getMessage(), purpose, this);
    }

    public AudioRefusal reason() {
        return reason;
    }

    public AudioPurpose purpose() {
        return purpose;
    }
}

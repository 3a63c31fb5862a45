package com.mctb.settings.domain.audio;

/** A greeting file that cannot be used, with the reason in words a business owner can act on. */
public class AudioRefusedException extends RuntimeException {

    private final AudioRefusal reason;

    public AudioRefusedException(AudioRefusal reason, String message) {
        super(message);
        this.reason = reason;
    }

    public AudioRefusal reason() {
        return reason;
    }
}

package com.mctb.settings.domain.audio;

/** The greeting formats Twilio's {@code <Play>} and browsers both play. */
public enum AudioFormat {
    MP3("audio/mpeg", "mp3"),
    WAV("audio/wav", "wav");

    private final String contentType;
    private final String extension;

    AudioFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    /** The file extension in the greeting's public URL. */
    public String extension() {
        return extension;
    }
}

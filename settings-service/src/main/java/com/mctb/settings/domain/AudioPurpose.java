package com.mctb.settings.domain;

/** What an uploaded audio is played for: the voicemail greeting, or the recording consent announcement. */
public enum AudioPurpose {
    GREETING("greeting", "custom greeting"),
    CONSENT("consent-audio", "consent audio");

    private final String path;
    private final String label;

    AudioPurpose(String path, String label) {
        this.path = path;
        this.label = label;
    }

    /** The last segment of its endpoints: {@code …/call-settings/greeting}, {@code …/call-settings/consent-audio}. */
    public String path() {
        return path;
    }

    /** How messages name it. */
    public String label() {
        return label;
    }
}

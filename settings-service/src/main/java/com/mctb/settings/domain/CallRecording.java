package com.mctb.settings.domain;

/**
 * Recording of answered calls to one number: off unless turned on; when on, the caller first hears a consent
 * announcement, the uploaded audio if there is one, else {@code consentText} (or {@link #DEFAULT_CONSENT_TEXT}).
 */
public record CallRecording(boolean enabled, String consentText) {

    public static final String DEFAULT_CONSENT_TEXT = "This call may be recorded.";
    public static final int MAX_CONSENT_TEXT = 500;
    /** How long recordings are kept when the account sets no retention. */
    public static final int SYSTEM_RETENTION_DAYS = 90;
    public static final int MAX_RETENTION_DAYS = 3650;

    public static final CallRecording OFF = new CallRecording(false, null);

    /** The announcement spoken before the bridge when no audio is uploaded. */
    public String spokenConsent() {
        return consentText == null || consentText.isBlank() ? DEFAULT_CONSENT_TEXT : consentText;
    }
}

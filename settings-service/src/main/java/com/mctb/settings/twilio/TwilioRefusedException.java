package com.mctb.settings.twilio;

/** Twilio answered no (a 4xx with its error code), about {@code subject} (a number, an AccountSid). */
public class TwilioRefusedException extends RuntimeException {

    private final String subject;
    private final Integer twilioCode;
    private final int twilioStatus;

    public TwilioRefusedException(String subject, int twilioStatus, Integer twilioCode, String twilioMessage) {
        super("Twilio refused " + subject + ": " + (twilioCode == null ? "" : twilioCode + " ") + twilioMessage);
        this.subject = subject;
        this.twilioCode = twilioCode;
        this.twilioStatus = twilioStatus;
    }

    public String subject() {
        return subject;
    }

    public Integer twilioCode() {
        return twilioCode;
    }

    public int twilioStatus() {
        return twilioStatus;
    }
}

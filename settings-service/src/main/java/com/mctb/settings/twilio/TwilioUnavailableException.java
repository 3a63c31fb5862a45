package com.mctb.settings.twilio;

/** Twilio could not be asked (unreachable, 5xx, 429, or the platform's credentials are missing or refused): 503. */
public class TwilioUnavailableException extends RuntimeException {

    public TwilioUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package com.mctb.settings.domain.twilio;

/** What an unsuccessful answer from Twilio means for the product. */
public enum TwilioOutcome {
    /** Twilio said no (a 4xx with its error code): the request is refused, with Twilio's reason. */
    REFUSED,
    /** Twilio did not answer, or answered 5xx / 429: try again later; the outcome of a write is unknown. */
    UNAVAILABLE,
    /** Twilio refused the platform's credentials (401/403, code 20003): the platform is misconfigured. */
    NOT_AUTHORISED;

    /**
     * @param status the HTTP status Twilio answered; null when it did not answer (connection refused or reset, timeout)
     */
    public static TwilioOutcome of(Integer status) {
        if (status == null || status >= 500 || status == 429) {
            return UNAVAILABLE;
        }
        if (status == 401 || status == 403) {
            return NOT_AUTHORISED;
        }
        return REFUSED;
    }
}

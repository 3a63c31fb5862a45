package com.mctb.messaging.domain;

import java.util.Set;

/**
 * What an answer of Twilio's Messages API means for a text: worth retrying, final, or a closed WhatsApp session.
 * 429 (Twilio's own rate limit) means Twilio did not take the text; a 5xx may come from Twilio's edge after Twilio
 * created the message (a 502 or 503 from a proxy in front of it), so it means "maybe taken": Twilio's list is read
 * before anything is sent again. Every other 4xx is Twilio's final word (invalid number 21211, unsubscribed recipient
 * 21610, unverified or invalid sender 21606/21659/21212, ...).
 */
public final class TwilioErrors {

    /** WhatsApp: free-form text outside the 24-hour session, or a template required (Twilio 63016, 63032). */
    private static final Set<Integer> WHATSAPP_SESSION_CLOSED = Set.of(63016, 63032);

    private TwilioErrors() {
    }

    public static Kind kind(Integer httpStatus, Integer code) {
        if (code != null && WHATSAPP_SESSION_CLOSED.contains(code)) {
            return Kind.WHATSAPP_SESSION_CLOSED;
        }
        if (httpStatus == null) {
            return Kind.RETRY;
        }
        if (httpStatus >= 500) {
            return Kind.MAYBE_TAKEN;
        }
        if (httpStatus == 429) {
            return Kind.RETRY;
        }
        return httpStatus >= 400 ? Kind.FINAL : Kind.RETRY;
    }

    /** What to do with a text Twilio answered this way. */
    public enum Kind {
        /** Not taken: try again after a back-off. */
        RETRY,
        /** A 5xx: Twilio may have taken it before the answer broke; ask Twilio's list before trying again. */
        MAYBE_TAKEN,
        /** Refused for good: the text failed with Twilio's code. */
        FINAL,
        /** Refused because no WhatsApp session is open: fall back to SMS, or reject. */
        WHATSAPP_SESSION_CLOSED
    }
}

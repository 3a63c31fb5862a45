package com.mctb.messaging.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * WhatsApp's customer-service window: a business may send a free-form text only within 24 hours of the contact's
 * last message to it; outside, only approved templates.
 */
public final class WhatsAppSessions {

    private WhatsAppSessions() {
    }

    public static boolean isOpen(Instant contactsLastMessage, Instant now, Duration window) {
        return contactsLastMessage != null && !contactsLastMessage.isBefore(now.minus(window));
    }
}

package com.mctb.contracts.event;

/** What happened to a text, or a text that came in: everything on {@code sms.events}. */
public sealed interface SmsEvent extends Event
        permits MessageAccepted, MessageSent, MessageDelivered, MessageFailed, MessageRejected, InboundMessage,
        OptedOut, UsageLimitReached {
}

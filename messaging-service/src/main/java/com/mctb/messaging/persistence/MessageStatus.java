package com.mctb.messaging.persistence;

/** Where a text is in its life. */
public enum MessageStatus {
    /** Recorded from its command; not yet handed to Twilio. */
    PENDING,
    /** A request to Twilio is under way (or was, when the service stopped in the middle of it). */
    SENDING,
    /** Twilio accepted it. */
    QUEUED,
    SENT,
    DELIVERED,
    UNDELIVERED,
    FAILED,
    /** We did not send it (opted out, over the limit, ...). */
    REJECTED
}

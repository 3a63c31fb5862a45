package com.mctb.messaging.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a text is in its life. A text only ever moves forward: Twilio's status callbacks may arrive out of order
 * (a "sent" after its "delivered"), and a late one never takes a text back.
 */
public enum MessageStatus {
    /** Recorded from its command; no request to Twilio made yet. */
    PENDING(0, false),
    /** Claimed for sending: a request to Twilio is under way (or was, when the service stopped in the middle of it). */
    SENDING(1, false),
    /** Twilio accepted it (queued with Twilio, metered). */
    QUEUED(2, false),
    /** The carrier took it from Twilio. */
    SENT(3, false),
    /** The handset confirmed it. */
    DELIVERED(4, true),
    /** Twilio accepted it but the carrier could not deliver it. */
    UNDELIVERED(4, true),
    /** Twilio refused it, or could not send it. */
    FAILED(4, true),
    /** We did not send it (opted out, over the limit, no WhatsApp session, ...). */
    REJECTED(4, true);

    private final int rank;
    private final boolean settled;

    MessageStatus(int rank, boolean settled) {
        this.rank = rank;
        this.settled = settled;
    }

    /** True once nothing more can happen to the text. */
    public boolean isSettled() {
        return settled;
    }

    /** Whether a text in this status may move to {@code next}: forward only, and never out of a settled status. */
    public boolean mayBecome(MessageStatus next) {
        return !settled && next.rank > rank;
    }

    /**
     * The status a Twilio MessageStatus (as in status callbacks and the Message resource) means for an outgoing
     * text; empty for statuses of inbound messages and for unknown ones.
     */
    public static Optional<MessageStatus> fromTwilio(String twilioStatus) {
        if (twilioStatus == null) {
            return Optional.empty();
        }
        return switch (twilioStatus.trim().toLowerCase(Locale.ROOT)) {
            case "accepted", "scheduled", "queued", "sending" -> Optional.of(QUEUED);
            case "sent" -> Optional.of(SENT);
            // "read" (WhatsApp) implies delivered; a partially delivered text reached the handset.
            case "delivered", "read", "partially_delivered" -> Optional.of(DELIVERED);
            case "undelivered" -> Optional.of(UNDELIVERED);
            case "failed", "canceled" -> Optional.of(FAILED);
            default -> Optional.empty();
        };
    }
}

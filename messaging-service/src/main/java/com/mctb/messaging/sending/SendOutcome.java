package com.mctb.messaging.sending;

import com.mctb.contracts.event.Channel;
import com.mctb.contracts.event.MessageRejected;
import com.mctb.messaging.twilio.TwilioMessages;
import java.time.Instant;
import java.util.concurrent.CompletionException;

/**
 * What became of one text's way through Twilio, settled: the end of {@link TwilioSender}'s attempts. Three are
 * recorded ({@link Accepted}, {@link Refused}, {@link Rejected}: {@link OutcomeRecorder}); {@link SmsInstead} sends the
 * text once more as an SMS; {@link Ambiguous} and {@link Stopped} leave the text to {@code SendingRecovery}, which
 * asks Twilio before anything is sent again.
 */
public sealed interface SendOutcome {

    OutgoingText text();

    /** Whether it is written to the text's row (status, usage, event). */
    default boolean recorded() {
        return false;
    }

    /** Twilio took it; {@code adopted} when it was found in Twilio's list rather than in an answer. */
    record Accepted(OutgoingText text, String sid, Instant acceptedAt, boolean adopted) implements SendOutcome {
        @Override
        public boolean recorded() {
            return true;
        }
    }

    /** Twilio refused it for good, or never took it after every retry: FAILED with Twilio's code. */
    record Refused(OutgoingText text, Integer code, String message) implements SendOutcome {
        @Override
        public boolean recorded() {
            return true;
        }
    }

    /** We do not send it (WhatsApp's session is closed and the command allows no SMS): REJECTED. */
    record Rejected(OutgoingText text, MessageRejected.Reason reason, String detail) implements SendOutcome {
        @Override
        public boolean recorded() {
            return true;
        }
    }

    /** WhatsApp refused it (no session) and its command allows SMS: it goes again, as an SMS. */
    record SmsInstead(OutgoingText text, Integer code) implements SendOutcome {
    }

    /** Twilio's answer is unknown after every attempt: never sent again blindly, left SENDING for recovery. */
    record Ambiguous(OutgoingText text, int attempts) implements SendOutcome {
    }

    /**
     * Another instance took the text over while this one held it (paused past its lease): this one sends nothing and
     * records nothing; the text is the other's.
     */
    record Superseded(OutgoingText text) implements SendOutcome {
    }

    /** Sending stopped for another cause (a bug, the service stopping): left for recovery. */
    record Stopped(OutgoingText text, Throwable cause) implements SendOutcome {
    }

    /**
     * What the last attempt's result means for the text.
     *
     * @param created  Twilio's answer when it took the text (or the text found in its list), else null
     * @param adopted  whether {@code created} was found in Twilio's list
     * @param error    why it was not taken, else null
     * @param attempts requests made
     */
    static SendOutcome of(OutgoingText text, TwilioMessages.Created created, boolean adopted, Throwable error,
            int attempts, Instant now) {
        if (error == null) {
            return new Accepted(text, created.sid(), now, adopted);
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TwilioSender.Superseded) {
            return new Superseded(text);
        }
        if (!(cause instanceof TwilioMessages.Refused refused)) {
            return new Stopped(text, cause);
        }
        return switch (refused.outcome()) {
            case FINAL -> new Refused(text, refused.code(), refused.getMessage());
            case NOT_TAKEN -> new Refused(text, refused.code(),
                    "not sent after " + attempts + " attempts: " + refused.getMessage());
            case UNKNOWN -> new Ambiguous(text, attempts);
            case WHATSAPP_SESSION_CLOSED -> text.smsFallback() && text.channel() == Channel.WHATSAPP
                    ? new SmsInstead(text, refused.code())
                    : new Rejected(text, MessageRejected.Reason.WHATSAPP_SESSION_CLOSED,
                            "WhatsApp refused a free-form text outside the 24-hour session (Twilio " + refused.code() + ")");
        };
    }
}

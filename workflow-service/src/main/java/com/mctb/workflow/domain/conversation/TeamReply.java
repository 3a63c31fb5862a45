package com.mctb.workflow.domain.conversation;

import com.mctb.contracts.event.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a team member's answer may be sent now, decided before anything is written: the refusals a person sees
 * at once, by the same rules messaging-service applies when it sends (it still checks, and a late refusal shows in
 * the thread as rejected). No framework.
 */
public final class TeamReply {

    /** Twilio's limit for one message's body (it splits longer SMS into segments up to this). */
    public static final int MAX_CHARACTERS = 1600;
    /** WhatsApp's customer-service window: free-form texts only this long after the contact's last message. */
    public static final Duration WHATSAPP_WINDOW = Duration.ofHours(24);

    /**
     * Why not.
     *
     * @param status HTTP status: 400 for what the request got wrong, 409 for what the contact's state forbids
     * @param field  the request field it concerns, or null
     */
    public record Refusal(int status, String field, String reason) {
    }

    /** What the rules look at. */
    public record Facts(String body, Channel channel, boolean optedOut, Instant lastWhatsAppFromContact, Instant now) {
    }

    private TeamReply() {
    }

    public static Optional<Refusal> check(Facts facts) {
        String body = facts.body();
        if (body == null || body.isBlank()) {
            return Optional.of(new Refusal(400, "body", "is required: an empty text is not sent"));
        }
        int characters = body.codePointCount(0, body.length());
        if (characters > MAX_CHARACTERS) {
            return Optional.of(new Refusal(400, "body", "is " + String.format("%,d", characters)
                    + " characters; at most " + String.format("%,d", MAX_CHARACTERS) + " can be sent as one text"));
        }
        if (facts.optedOut()) {
            return Optional.of(new Refusal(409, null, "the contact opted out of this account's texts (STOP); "
                    + "nothing is sent until they text START"));
        }
        if (facts.channel() == Channel.WHATSAPP) {
            Instant last = facts.lastWhatsAppFromContact();
            if (last == null) {
                return Optional.of(new Refusal(409, "channel", "the contact has never written on WhatsApp: WhatsApp "
                        + "allows a free-form answer only within 24 hours of the contact's last message; answer by SMS"));
            }
            if (last.plus(WHATSAPP_WINDOW).isBefore(facts.now())) {
                return Optional.of(new Refusal(409, "channel", "the contact last wrote on WhatsApp at " + last
                        + ", more than 24 hours ago: WhatsApp allows a free-form answer only within 24 hours; "
                        + "answer by SMS"));
            }
        }
        return Optional.empty();
    }

    /**
     * The command id of an answer: derived from the account, the contact and the client's idempotency key, so a
     * double click or a retried request makes the same command, which messaging-service sends once.
     */
    public static String commandId(String accountId, String contactId, String idempotencyKey) {
        return "team/" + accountId + "/" + contactId + "/" + idempotencyKey;
    }

    /** What a client may use as an idempotency key: 1 to 100 letters, digits, '-', '_', ':' or '.'. */
    public static boolean isIdempotencyKey(String key) {
        return key != null && key.matches("^[A-Za-z0-9._:-]{1,100}$");
    }
}

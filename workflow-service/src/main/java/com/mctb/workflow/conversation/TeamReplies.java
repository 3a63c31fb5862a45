package com.mctb.workflow.conversation;

import com.mctb.contracts.Keys;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.Channel;
import com.mctb.contracts.event.MessageCause;
import com.mctb.contracts.event.SendMessage;
import com.mctb.contracts.phone.PhoneNumbers;
import com.mctb.kit.outbox.Outbox;
import com.mctb.workflow.config.WorkflowConfig;
import com.mctb.workflow.domain.conversation.TeamReply;
import com.mctb.workflow.domain.engine.RunOutcome;
import com.mctb.workflow.domain.journey.JourneyKind;
import com.mctb.workflow.persistence.BusinessProfile;
import com.mctb.workflow.persistence.Contact;
import com.mctb.workflow.service.SmsEventHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A team member's answer in a contact's conversation: checked ({@link TeamReply}), then written in one transaction
 * as the conversation's entry and a SendMessage in the outbox (cause {@link MessageCause#TEAM_REPLY}) — the same
 * exactly-once path as every workflow text. The command id comes from the client's idempotency key, so the same
 * request sent twice is one entry and one text; the same key with another text is refused.
 */
@ApplicationScoped
public class TeamReplies {

    private static final Logger LOG = Logger.getLogger(TeamReplies.class);

    /** The answer was not written: why, as the API says it. */
    public static class Refused extends RuntimeException {
        public final int status;
        public final String field;

        Refused(int status, String field, String reason) {
            super(reason);
            this.status = status;
            this.field = field;
        }
    }

    /** What was written (or found written by the same key before): the entry's id and whether it is new. */
    public record Written(String commandId, boolean created) {
    }

    @Inject
    ConversationLog log;

    @Inject
    Outbox outbox;

    @Inject
    SmsEventHandler smsEvents;

    @Inject
    WorkflowConfig config;

    /**
     * @param from          one of the account's numbers, or null: the number the contact last talked with, else the
     *                      account's default number
     * @param userId        the team member who answers, as the client names them (or null)
     * @param limitReached  the account's monthly limit, when messaging-service said it is used up
     */
    @Transactional
    public Written send(String accountId, UUID contactId, String idempotencyKey, String body, Channel channel,
            String from, String userId, Optional<Long> limitReached) {
        Contact contact = Contact.byId(accountId, contactId)
                .orElseThrow(() -> new Refused(404, null, "account " + accountId + " has no contact " + contactId));
        String commandId = TeamReply.commandId(accountId, contactId.toString(), idempotencyKey);
        Optional<String> earlier = log.bodyOf(commandId);
        if (earlier.isPresent()) {
            if (!earlier.get().equals(body)) {
                throw new Refused(409, "Idempotency-Key", "this key was used for another text; use a new key for a "
                        + "new text");
            }
            return new Written(commandId, false);
        }
        Channel ch = channel == null ? Channel.SMS : channel;
        TeamReply.check(new TeamReply.Facts(body, ch, contact.optedOut,
                        log.lastWhatsAppFromContact(accountId, contactId).orElse(null), Instant.now()))
                .ifPresent(r -> {
                    throw new Refused(r.status(), r.field(), r.reason());
                });
        limitReached.ifPresent(limit -> {
            throw new Refused(409, null, "the account's monthly limit of " + limit + " texts is used up; nothing "
                    + "was sent");
        });
        BusinessProfile profile = BusinessProfile.findById(accountId);
        String sender = sendingNumber(accountId, contactId, from, profile);
        SendMessage command = new SendMessage(commandId, accountId, ch, sender, contact.phone, body,
                MessageCause.TEAM_REPLY, null, null, Instant.now(), null);
        if (!log.textQueued(command, contactId, Sender.team(userId))) {
            // The same key in a request at the same moment: that one wrote it; this one is its repeat.
            return new Written(commandId, false);
        }
        outbox.publish(Topics.SMS_COMMANDS, Keys.accountAndPhone(accountId, contact.phone), command);
        if (config.conversations().teamReplyEndsRuns()) {
            smsEvents.endWaitingRuns(accountId, contactId, RunOutcome.ENDED_BY_REPLY, JourneyKind.ENDED_BY_REPLY,
                    "the team answered in the conversation");
        }
        LOG.infof("account %s: team answer %s to %s from %s", accountId, commandId, PhoneNumbers.mask(contact.phone),
                PhoneNumbers.mask(sender));
        return new Written(commandId, true);
    }

    private String sendingNumber(String accountId, UUID contactId, String from, BusinessProfile profile) {
        if (from != null && !from.isBlank()) {
            if (profile == null || !profile.numbers.contains(from)) {
                throw new Refused(400, "from", from + " is not one of the account's numbers");
            }
            return from;
        }
        Optional<String> last = log.lastNumber(accountId, contactId)
                .filter(n -> profile == null || profile.numbers.contains(n));
        if (last.isPresent()) {
            return last.get();
        }
        if (profile != null && profile.defaultNumber != null) {
            return profile.defaultNumber;
        }
        throw new Refused(409, "from", "the account has no number to send from");
    }
}

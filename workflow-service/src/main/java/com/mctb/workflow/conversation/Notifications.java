package com.mctb.workflow.conversation;

import com.mctb.contracts.Keys;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.BusinessProfileChanged;
import com.mctb.contracts.event.Channel;
import com.mctb.contracts.event.MessageCause;
import com.mctb.contracts.event.SendMessage;
import com.mctb.contracts.phone.PhoneNumbers;
import com.mctb.kit.outbox.Outbox;
import com.mctb.workflow.persistence.BusinessProfile;
import com.mctb.workflow.persistence.JsonDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Tells the team of a missed call, a voicemail or a reply: a text to the number's assigned user, or, when the number
 * has none, to every user of the account, each only if they have a mobile and want that kind of event; never to the
 * caller, never to a user whose mobile is the caller's. Sent through the same path as every text (a SendMessage in
 * the outbox, in the transaction of the event), metered as {@link MessageCause#NOTIFICATION}, from the number the
 * caller called or texted. Its command id is the event's id and the user's, so a redelivered event sends nothing more.
 */
@ApplicationScoped
public class Notifications {

    private static final Logger LOG = Logger.getLogger(Notifications.class);

    /** What a team member may be told of. */
    public enum Kind {
        MISSED_CALL(BusinessProfileChanged.TeamMember::missedCall),
        VOICEMAIL(BusinessProfileChanged.TeamMember::voicemail),
        REPLY(BusinessProfileChanged.TeamMember::reply);

        final Predicate<BusinessProfileChanged.TeamMember> wanted;

        Kind(Predicate<BusinessProfileChanged.TeamMember> wanted) {
            this.wanted = wanted;
        }
    }

    @Inject
    Outbox outbox;

    /**
     * @param eventId    the event that is told of (its id makes the commands')
     * @param ourNumber  the account's number the caller called or texted: who to tell, and what the text comes from
     * @param callerPhone the contact's number: never texted here
     */
    public void notify(Kind kind, String eventId, String accountId, String ourNumber, String callerPhone, String text) {
        notify(kind, eventId, BusinessProfile.findById(accountId), accountId, ourNumber, callerPhone, text);
    }

    /** The same, with the account's Business Profile copy already at hand (null: none yet, nobody is told). */
    public void notify(Kind kind, String eventId, BusinessProfile profile, String accountId, String ourNumber,
            String callerPhone, String text) {
        if (profile == null || profile.team == null || ourNumber == null) {
            return;
        }
        BusinessProfileChanged.Team team = JsonDocuments.read(profile.team, BusinessProfileChanged.Team.class);
        String assigned = team.assignedUsers().get(ourNumber);
        List<BusinessProfileChanged.TeamMember> recipients = team.users().stream()
                .filter(u -> assigned == null || assigned.equals(u.userId()))
                .filter(u -> u.mobile() != null && !u.mobile().isBlank())
                .filter(kind.wanted)
                .filter(u -> !u.mobile().equals(callerPhone))
                .filter(u -> !profile.numbers.contains(u.mobile()))
                .toList();
        for (BusinessProfileChanged.TeamMember user : recipients) {
            String commandId = "notify/" + eventId + "/" + user.userId();
            outbox.publish(Topics.SMS_COMMANDS, Keys.accountAndPhone(accountId, user.mobile()), new SendMessage(
                    commandId, accountId, Channel.SMS, ourNumber, user.mobile(), text, MessageCause.NOTIFICATION,
                    null, null, Instant.now(), null));
            LOG.infof("account %s: %s told to user %s at %s (%s)", accountId, kind, user.userId(),
                    PhoneNumbers.mask(user.mobile()), commandId);
        }
    }
}

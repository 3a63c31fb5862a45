package com.mctb.settings.service;

import com.mctb.settings.domain.SettingsChange;
import com.mctb.settings.domain.SettingsLevel;
import com.mctb.settings.messaging.SettingsPublisher;
import com.mctb.settings.persistence.Account;
import com.mctb.settings.persistence.CallSettings;
import com.mctb.settings.persistence.Greeting;
import com.mctb.settings.persistence.PhoneNumber;
import com.mctb.settings.persistence.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/** The account's team members (Team Management), whose call settings apply to the numbers assigned to them. */
@ApplicationScoped
public class UserService {

    private static final Logger LOG = Logger.getLogger(UserService.class);

    @Inject
    AccountService accounts;

    @Inject
    SettingsPublisher publisher;

    public List<User> users(String accountId) {
        accounts.get(accountId);
        return User.ofAccount(accountId);
    }

    public User get(String accountId, String userId) {
        accounts.get(accountId);
        return User.find(accountId, userId)
                .orElseThrow(() -> new NotFoundException("account " + accountId + " has no user " + userId));
    }

    /** What a save changes besides the name: null keeps the current value. */
    public record Contact(String mobile, Boolean missedCall, Boolean voicemail, Boolean reply) {
        public static final Contact UNCHANGED = new Contact(null, null, null, null);
    }

    /** Creates the user or renames them; returns true when created. */
    @Transactional
    public boolean save(String accountId, String userId, String name) {
        return save(accountId, userId, name, Contact.UNCHANGED);
    }

    /**
     * Creates or updates the user; returns true when created.
     *
     * @param contact the user's mobile ({@code ""}: none; must be E.164 or a national number of the US) and
     *                notification preferences
     */
    @Transactional
    public boolean save(String accountId, String userId, String name, Contact contact) {
        String mobile = null;
        if (contact.mobile() != null && !contact.mobile().isBlank()) {
            mobile = com.mctb.contracts.phone.PhoneNumbers.toE164(contact.mobile(), "US").orElseThrow(
                    () -> new InvalidFieldsException("mobile", "is not a phone number (E.164, e.g. +15551234567)"));
        }
        Account account = accounts.lockForChange(accountId);
        User user = User.find(accountId, userId).orElse(null);
        boolean created = user == null;
        if (created) {
            user = new User();
            user.accountId = accountId;
            user.id = userId;
            user.createdAt = Instant.now();
        }
        user.name = name.trim();
        if (contact.mobile() != null) {
            user.mobile = mobile;
        }
        if (contact.missedCall() != null) {
            user.notifyMissedCall = contact.missedCall();
        }
        if (contact.voicemail() != null) {
            user.notifyVoicemail = contact.voicemail();
        }
        if (contact.reply() != null) {
            user.notifyReply = contact.reply();
        }
        user.persist();
        publisher.publish(account, SettingsChange.USER);
        if (created) {
            LOG.infof("user added: account=%s user=%s", accountId, userId);
        }
        return created;
    }

    /** Removes the user: their numbers fall back to the account's settings, their own settings are forgotten. */
    @Transactional
    public void remove(String accountId, String userId) {
        Account account = accounts.lockForChange(accountId);
        User user = User.find(accountId, userId)
                .orElseThrow(() -> new NotFoundException("account " + accountId + " has no user " + userId));
        PhoneNumber.update("assignedUserId = null where accountId = ?1 and assignedUserId = ?2", accountId, userId);
        CallSettings.deleteLevel(accountId, SettingsLevel.USER, userId);
        Greeting.delete("accountId = ?1 and level = ?2 and ref = ?3", accountId, SettingsLevel.USER, userId);
        user.delete();
        publisher.publish(account, SettingsChange.USER);
        LOG.infof("user removed: account=%s user=%s", accountId, userId);
    }
}

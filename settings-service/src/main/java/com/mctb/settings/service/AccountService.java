package com.mctb.settings.service;

import com.mctb.contracts.phone.PhoneNumbers;
import com.mctb.settings.domain.EffectiveCallSettings;
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
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Accounts and their Twilio numbers. Every change locks the account, changes it and publishes its new state in one
 * transaction.
 */
@ApplicationScoped
public class AccountService {

    private static final Logger LOG = Logger.getLogger(AccountService.class);

    @Inject
    SettingsPublisher publisher;

    @Inject
    EntityManager em;

    @Inject
    RingPatternGuard patterns;

    /** Creates the account or updates its name and time zone; returns true when it was created. */
    @Transactional
    public boolean save(String accountId, String businessName, String timeZone) {
        // Insert-if-absent first, so two first PUTs of one account do not race to a duplicate key.
        boolean created = em.createNativeQuery("insert into account (id, business_name, time_zone) values (?1, ?2, ?3) "
                + "on conflict (id) do nothing")
                .setParameter(1, accountId).setParameter(2, businessName.trim()).setParameter(3, timeZone)
                .executeUpdate() == 1;
        Account account = lockForChange(accountId);
        if (created) {
            account.createdAt = Instant.now();
        }
        account.businessName = businessName.trim();
        account.timeZone = timeZone;
        publisher.publish(account, SettingsChange.ACCOUNT);
        return created;
    }

    public Account get(String accountId) {
        Account account = Account.findById(accountId);
        if (account == null) {
            throw new NotFoundException("no account " + accountId);
        }
        return account;
    }

    /** The account, locked for a change until the transaction ends; 404 when there is none. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Account lockForChange(String accountId) {
        return Account.lockForChange(accountId).orElseThrow(() -> new NotFoundException("no account " + accountId));
    }

    public PhoneNumber number(String accountId, String e164) {
        get(accountId);
        return PhoneNumber.of(accountId, e164)
                .orElseThrow(() -> new NotFoundException("account " + accountId + " has no number " + e164));
    }

    /**
     * Updates one of the account's numbers: {@code makeDefault} makes it the one texts are sent from;
     * {@code assignedUserId} (null: none) makes that user's call settings apply to calls to it, refused (400) when the
     * number's ring pattern would then ring longer than its timeout. A number the account does not have is 404:
     * numbers are added with POST (bought or imported through Twilio).
     */
    @Transactional
    public PhoneNumber updateNumber(String accountId, String e164, boolean makeDefault, String assignedUserId) {
        Account account = lockForChange(accountId);
        PhoneNumber number = PhoneNumber.of(accountId, e164).orElseThrow(() -> new NotFoundException("account "
                + accountId + " has no number " + e164 + "; add it with POST /api/accounts/" + accountId + "/numbers"));
        requireUser(accountId, assignedUserId);
        Map<String, EffectiveCallSettings> before = patterns.snapshot(accountId);
        if (makeDefault) {
            PhoneNumber.ofAccount(accountId).forEach(n -> n.isDefault = false);
            number.isDefault = true;
        }
        number.assignedUserId = assignedUserId;
        // Another user's settings apply now: the number's ring pattern must still fit the timeout it rings with.
        patterns.requireFit(accountId, before, overrun -> "assignedUserId");
        publisher.publish(account, SettingsChange.NUMBER);
        return number;
    }

    /** 400 unless the account has that user (null: nobody, accepted). */
    public void requireUser(String accountId, String assignedUserId) {
        if (assignedUserId != null && User.find(accountId, assignedUserId).isEmpty()) {
            throw new InvalidFieldsException("assignedUserId", "account " + accountId + " has no user " + assignedUserId);
        }
    }

    /**
     * Records a number the account's Twilio account now holds (bought or imported), in the caller's transaction with
     * the account locked; the first or a {@code makeDefault} one sends texts. Publishes the account's new state.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public PhoneNumber recordNumber(Account account, PhoneNumber number, boolean makeDefault) {
        List<PhoneNumber> existing = PhoneNumber.ofAccount(account.id);
        number.accountId = account.id;
        number.createdAt = Instant.now();
        number.isDefault = existing.isEmpty() || makeDefault;
        if (makeDefault) {
            existing.forEach(n -> n.isDefault = false);
        }
        if (number.assignedUserId != null && User.find(account.id, number.assignedUserId).isEmpty()) {
            number.assignedUserId = null; // the user left while the number was being bought
        }
        number.persist();
        publisher.publish(account, SettingsChange.NUMBER);
        LOG.infof("number added: account=%s number=%s origin=%s", account.id, PhoneNumbers.mask(number.number),
                number.origin);
        return number;
    }

    /**
     * Removes a number with what was set for it (its call settings, its greeting, its use as a caller ID), and
     * deletes its key from {@code settings.call}.
     */
    @Transactional
    public void removeNumber(String accountId, String e164) {
        removeNumber(accountId, e164, n -> { });
    }

    /** As {@link #removeNumber(String, String)}, with {@code alsoInTheTransaction} done in the same transaction. */
    @Transactional
    public void removeNumber(String accountId, String e164, java.util.function.Consumer<PhoneNumber> alsoInTheTransaction) {
        Account account = lockForChange(accountId);
        PhoneNumber number = PhoneNumber.of(accountId, e164)
                .orElseThrow(() -> new NotFoundException("account " + accountId + " has no number " + e164));
        alsoInTheTransaction.accept(number);
        number.delete();
        CallSettings.deleteLevel(accountId, SettingsLevel.NUMBER, e164);
        Greeting.delete("accountId = ?1 and level = ?2 and ref = ?3", accountId, SettingsLevel.NUMBER, e164);
        CallSettings.update("callerId = null where accountId = ?1 and callerId = ?2", accountId, e164);
        if (number.isDefault) {
            PhoneNumber.ofAccount(accountId).stream().filter(n -> !n.number.equals(e164)).findFirst()
                    .ifPresent(n -> n.isDefault = true);
        }
        publisher.numberRemoved(accountId, e164);
        publisher.publish(account, SettingsChange.NUMBER);
        LOG.infof("number removed: account=%s number=%s", accountId, PhoneNumbers.mask(e164));
    }

    public List<PhoneNumber> numbers(String accountId) {
        get(accountId);
        return PhoneNumber.ofAccount(accountId);
    }

    /** 404 unless the account exists and has this user or number. */
    public void requireLevel(String accountId, Level level) {
        get(accountId);
        switch (level.level()) {
            case USER -> User.find(accountId, level.ref())
                    .orElseThrow(() -> new NotFoundException("account " + accountId + " has no user " + level.ref()));
            case NUMBER -> PhoneNumber.of(accountId, level.ref())
                    .orElseThrow(() -> new NotFoundException("account " + accountId + " has no number " + level.ref()));
            default -> {
            }
        }
    }
}

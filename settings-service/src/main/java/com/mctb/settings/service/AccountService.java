package com.mctb.settings.service;

import com.mctb.settings.messaging.SettingsPublisher;
import com.mctb.settings.persistence.Account;
import com.mctb.settings.persistence.PhoneNumber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/** Accounts and their Twilio numbers. Every change is published in its own transaction. */
@ApplicationScoped
public class AccountService {

    @Inject
    SettingsPublisher publisher;

    /** Creates the account or updates its name and time zone; returns true when it was created. */
    @Transactional
    public boolean save(String accountId, String businessName, String timeZone) {
        Account account = Account.findById(accountId);
        boolean created = account == null;
        if (created) {
            account = new Account();
            account.id = accountId;
            account.createdAt = Instant.now();
        }
        account.businessName = businessName.trim();
        account.timeZone = timeZone;
        account.updatedAt = Instant.now();
        account.persist();
        publisher.publish(account);
        return created;
    }

    public Account get(String accountId) {
        Account account = Account.findById(accountId);
        if (account == null) {
            throw new NotFoundException("no account " + accountId);
        }
        return account;
    }

    /** Adds one of the account's Twilio numbers (E.164); the first or a {@code makeDefault} one sends texts. */
    @Transactional
    public PhoneNumber addNumber(String accountId, String e164, boolean makeDefault) {
        Account account = get(accountId);
        PhoneNumber number = PhoneNumber.findById(e164);
        if (number != null && !number.accountId.equals(accountId)) {
            throw new ClientErrorException("number " + e164 + " belongs to another account", Response.Status.CONFLICT);
        }
        List<PhoneNumber> existing = PhoneNumber.ofAccount(accountId);
        if (number == null) {
            number = new PhoneNumber();
            number.number = e164;
            number.accountId = accountId;
            number.createdAt = Instant.now();
            number.isDefault = existing.isEmpty();
        }
        if (makeDefault) {
            existing.forEach(n -> n.isDefault = false);
            number.isDefault = true;
        }
        number.persist();
        publisher.publish(account);
        return number;
    }

    @Transactional
    public void removeNumber(String accountId, String e164) {
        Account account = get(accountId);
        PhoneNumber number = PhoneNumber.findById(e164);
        if (number == null || !number.accountId.equals(accountId)) {
            throw new NotFoundException("account " + accountId + " has no number " + e164);
        }
        number.delete();
        if (number.isDefault) {
            PhoneNumber.ofAccount(accountId).stream().findFirst().ifPresent(n -> n.isDefault = true);
        }
        publisher.numberRemoved(accountId, e164);
        publisher.publish(account);
    }

    public List<PhoneNumber> numbers(String accountId) {
        get(accountId);
        return PhoneNumber.ofAccount(accountId);
    }
}

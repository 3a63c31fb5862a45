package com.mctb.settings.service;

import com.mctb.contracts.hours.BusinessHours;
import com.mctb.settings.domain.SettingsChange;
import com.mctb.settings.messaging.SettingsPublisher;
import com.mctb.settings.persistence.Account;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/** The account's business hours, published on {@code settings.business} for workflow-service's hours branches. */
@ApplicationScoped
public class BusinessHoursService {

    private static final Logger LOG = Logger.getLogger(BusinessHoursService.class);

    @Inject
    AccountService accounts;

    @Inject
    SettingsPublisher publisher;

    /** The account and its hours in its time zone; empty hours: not set, always open. */
    public Account account(String accountId) {
        return accounts.get(accountId);
    }

    @Transactional
    public Account save(String accountId, BusinessHours hours) {
        Account account = accounts.lockForChange(accountId);
        account.businessHours = new BusinessHours(account.timeZone, hours.weekly(), hours.exceptions());
        publisher.publish(account, SettingsChange.BUSINESS_HOURS);
        LOG.infof("business hours set: account=%s days=%d exceptions=%d", accountId, hours.weekly().size(),
                hours.exceptions().size());
        return account;
    }

    /** Forgets the hours: the business counts as always open again. */
    @Transactional
    public Account clear(String accountId) {
        Account account = accounts.lockForChange(accountId);
        account.businessHours = null;
        publisher.publish(account, SettingsChange.BUSINESS_HOURS);
        LOG.infof("business hours cleared: account=%s", accountId);
        return account;
    }

    /** Open or closed at {@code at} and when that changes; always open when no hours are set. */
    public BusinessHours.Status status(Account account, Instant at) {
        Optional<BusinessHours> hours = account.hours();
        return hours.orElseGet(() -> BusinessHours.alwaysOpen(account.timeZone)).status(at);
    }
}

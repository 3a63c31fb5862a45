package com.mctb.settings.service;

import com.mctb.settings.domain.SettingsLevel;
import com.mctb.settings.messaging.SettingsPublisher;
import com.mctb.settings.persistence.Account;
import com.mctb.settings.persistence.CallSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

/** Call & voicemail settings; each save is published with the account's state. */
@ApplicationScoped
public class CallSettingsService {

    @Inject
    AccountService accounts;

    @Inject
    SettingsPublisher publisher;

    public CallSettings accountDefaults(String accountId) {
        accounts.get(accountId);
        return CallSettings.findOrNew(accountId, SettingsLevel.ACCOUNT, null);
    }

    @Transactional
    public CallSettings saveAccountDefaults(String accountId, int timeoutSeconds, List<String> forwardTo) {
        Account account = accounts.get(accountId);
        CallSettings settings = CallSettings.findOrNew(accountId, SettingsLevel.ACCOUNT, null);
        settings.timeoutSeconds = timeoutSeconds;
        settings.forwardTo = forwardTo == null ? List.of() : List.copyOf(forwardTo);
        settings.persist();
        publisher.publish(account);
        return settings;
    }
}

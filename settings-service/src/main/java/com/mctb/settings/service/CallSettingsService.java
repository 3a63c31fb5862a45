package com.mctb.settings.service;

import com.mctb.kit.rest.Problems;
import com.mctb.settings.domain.CallSettingsLayer;
import com.mctb.settings.domain.EffectiveCallSettings;
import com.mctb.settings.domain.SettingsChange;
import com.mctb.settings.domain.SettingsLevel;
import com.mctb.settings.messaging.SettingsPublisher;
import com.mctb.settings.persistence.Account;
import com.mctb.settings.persistence.CallSettings;
import com.mctb.settings.persistence.PhoneNumber;
import com.mctb.settings.persistence.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Call & voicemail settings at each level, and what applies to a call. Each save publishes the account's state. */
@ApplicationScoped
public class CallSettingsService {

    @Inject
    AccountService accounts;

    @Inject
    SettingsPublisher publisher;

    /** What one level sets (null fields: inherited), with the greeting uploaded there. */
    public CallSettingsLayer at(String accountId, Level level) {
        accounts.requireLevel(accountId, level);
        return publisher.layersOf(accountId).getOrDefault(SettingsPublisher.key(level.level(), level.ref()),
                CallSettingsLayer.empty(level.level()));
    }

    /**
     * Replaces what one level sets; a null field inherits from the next level. The account level must set a
     * timeout; only a number sets human-answer confirmation; a caller ID must be one of the account's numbers.
     */
    @Transactional
    public CallSettingsLayer save(String accountId, Level level, Integer timeoutSeconds, List<String> forwardTo,
            String callerId, Boolean answerOnBridge, Boolean humanAnswerConfirmation) {
        Account account = accounts.lockForChange(accountId);
        accounts.requireLevel(accountId, level);
        List<Problems.FieldError> errors = new ArrayList<>();
        if (level.level() == SettingsLevel.ACCOUNT && timeoutSeconds == null) {
            errors.add(new Problems.FieldError("timeoutSeconds",
                    "is required for the account's defaults (10-20 seconds recommended)"));
        }
        if (humanAnswerConfirmation != null && level.level() != SettingsLevel.NUMBER) {
            errors.add(new Problems.FieldError("humanAnswerConfirmation",
                    "is set per phone number, not for the " + level.level().name().toLowerCase()));
        }
        if (callerId != null && PhoneNumber.of(accountId, callerId).isEmpty()) {
            errors.add(new Problems.FieldError("callerId",
                    "must be one of the account's numbers; " + callerId + " is not"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidFieldsException(errors);
        }
        CallSettings settings = CallSettings.findOrNew(accountId, level.level(), level.ref());
        settings.timeoutSeconds = timeoutSeconds;
        settings.forwardTo = forwardTo == null ? null : List.copyOf(forwardTo);
        settings.callerId = callerId;
        settings.answerOnBridge = answerOnBridge;
        settings.humanAnswerConfirmation = humanAnswerConfirmation;
        settings.persist();
        publisher.publish(account, SettingsChange.CALL_SETTINGS);
        return at(accountId, level);
    }

    /**
     * What applies to a call to {@code number} (null: the account's defaults) answered for {@code userId} (null:
     * the user the number is assigned to, if any).
     */
    public Effective effective(String accountId, String number, String userId) {
        accounts.get(accountId);
        String user = userId;
        if (number != null) {
            PhoneNumber phone = PhoneNumber.of(accountId, number)
                    .orElseThrow(() -> new NotFoundException("account " + accountId + " has no number " + number));
            if (user == null) {
                user = phone.assignedUserId;
            }
        }
        if (user != null && User.find(accountId, user).isEmpty()) {
            throw new NotFoundException("account " + accountId + " has no user " + user);
        }
        Map<String, CallSettingsLayer> layers = publisher.layersOf(accountId);
        List<CallSettingsLayer> chain = new ArrayList<>(3);
        if (number != null) {
            chain.add(layers.get(SettingsPublisher.key(SettingsLevel.NUMBER, number)));
        }
        if (user != null) {
            chain.add(layers.get(SettingsPublisher.key(SettingsLevel.USER, user)));
        }
        chain.add(layers.get(SettingsPublisher.key(SettingsLevel.ACCOUNT, null)));
        return new Effective(number, user, EffectiveCallSettings.resolve(chain));
    }

    /** The effective settings and whose they are. */
    public record Effective(String number, String userId, EffectiveCallSettings settings) {
    }
}

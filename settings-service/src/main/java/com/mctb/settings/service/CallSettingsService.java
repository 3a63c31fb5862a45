package com.mctb.settings.service;

import com.mctb.kit.rest.Problems;
import com.mctb.settings.domain.CallSettingsLayer;
import com.mctb.settings.domain.CallTimeout;
import com.mctb.settings.domain.RingPattern;
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

    @Inject
    RingPatternGuard patterns;

    /** What one level sets (null fields: inherited), with the greeting uploaded there. */
    public CallSettingsLayer at(String accountId, Level level) {
        accounts.requireLevel(accountId, level);
        return publisher.layersOf(accountId).getOrDefault(SettingsPublisher.key(level.level(), level.ref()),
                CallSettingsLayer.empty(level.level()));
    }

    /**
     * Replaces what one level sets; a null field inherits from the next level. The account level must set a
     * timeout; only a number sets human-answer confirmation; a caller ID must be one of the account's numbers; a
     * sequential ring pattern fits the timeout it rings with, here and at every level that inherits either
     * ({@link RingPatternGuard}).
     */
    @Transactional
    public CallSettingsLayer save(String accountId, Level level, Integer timeoutSeconds, List<String> forwardTo,
            String callerId, Boolean answerOnBridge, Boolean humanAnswerConfirmation, RingPattern ringPattern,
            Boolean recordCalls, String consentText, Integer recordingRetentionDays) {
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
        if (recordCalls != null && level.level() != SettingsLevel.NUMBER) {
            errors.add(new Problems.FieldError("recordCalls",
                    "is set per phone number, not for the " + level.level().name().toLowerCase()));
        }
        if (recordingRetentionDays != null && level.level() != SettingsLevel.ACCOUNT) {
            errors.add(new Problems.FieldError("recordingRetentionDays",
                    "is set for the account, not for the " + level.level().name().toLowerCase()));
        }
        RingPattern checkedPattern = null;
        if (ringPattern != null) {
            int timeout = timeoutSeconds != null ? timeoutSeconds : inheritedTimeout(accountId, level);
            RingPattern.Checked checked = RingPattern.check(ringPattern, timeout,
                    userId -> User.find(accountId, userId).isPresent(),
                    userId -> User.find(accountId, userId).map(u -> u.mobile).orElse(null));
            checked.problems().forEach(p -> errors.add(new Problems.FieldError(p.field(), p.message())));
            checkedPattern = checked.pattern();
        }
        if (!errors.isEmpty()) {
            throw new InvalidFieldsException(errors);
        }
        Map<String, EffectiveCallSettings> before = patterns.snapshot(accountId);
        CallSettings settings = CallSettings.findOrNew(accountId, level.level(), level.ref());
        settings.timeoutSeconds = timeoutSeconds;
        settings.forwardTo = forwardTo == null ? null : List.copyOf(forwardTo);
        settings.callerId = callerId;
        settings.answerOnBridge = answerOnBridge;
        settings.humanAnswerConfirmation = humanAnswerConfirmation;
        settings.setRingPattern(checkedPattern);
        settings.recordCalls = recordCalls;
        settings.consentText = consentText == null || consentText.isBlank() ? null : consentText.strip();
        settings.recordingRetentionDays = recordingRetentionDays;
        settings.persist();
        // A pattern that inherits this level's timeout, or a level that inherits this pattern, must still fit.
        patterns.requireFit(accountId, before,
                overrun -> overrun.timeoutChanged(before) ? "timeoutSeconds" : "ringPattern.targets");
        publisher.publish(account, SettingsChange.CALL_SETTINGS);
        return at(accountId, level);
    }

    /** The timeout a level without its own inherits: a number's from its user and the account, a user's from the account. */
    private int inheritedTimeout(String accountId, Level level) {
        return switch (level.level()) {
            case NUMBER -> effective(accountId, level.ref(), null).settings().timeoutSeconds().value();
            case USER -> effective(accountId, null, level.ref()).settings().timeoutSeconds().value();
            default -> CallTimeout.SYSTEM_DEFAULT_SECONDS;
        };
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

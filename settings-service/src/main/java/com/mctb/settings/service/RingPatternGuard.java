package com.mctb.settings.service;

import com.mctb.kit.rest.Problems;
import com.mctb.settings.domain.CallSettingsLayer;
import com.mctb.settings.domain.EffectiveCallSettings;
import com.mctb.settings.domain.RingPatternOverrun;
import com.mctb.settings.domain.SettingsLevel;
import com.mctb.settings.messaging.SettingsPublisher;
import com.mctb.settings.persistence.CallSettings;
import com.mctb.settings.persistence.PhoneNumber;
import com.mctb.settings.persistence.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps every sequential ring pattern of an account inside the call timeout it rings with, whichever levels the two
 * come from. A pattern is checked against its timeout when it is saved; this refuses the later changes that would
 * break that: a shorter timeout (account, user or number) under a pattern that inherits it, a pattern inherited by a
 * level with a shorter timeout of its own, a number given a user whose timeout is shorter than its pattern. Taken in
 * the change's transaction with the account locked: a {@link #snapshot} before the change, {@link #requireFit} after
 * it, before anything is published.
 */
@ApplicationScoped
public class RingPatternGuard {

    /** How the refusal names the account's own defaults. */
    static final String ACCOUNT_DEFAULTS = "the account's defaults";

    @Inject
    EntityManager em;

    /**
     * What each subject of the account rings with: every number (its own settings, its user's, the account's), every
     * user (theirs, the account's: what a number assigned to them inherits), and the account's defaults.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, EffectiveCallSettings> snapshot(String accountId) {
        em.flush();
        Map<String, CallSettingsLayer> layers = new HashMap<>();
        for (CallSettings settings : CallSettings.ofAccount(accountId)) {
            layers.put(SettingsPublisher.key(settings.level, settings.ref), settings.toLayer());
        }
        CallSettingsLayer account = layers.get(SettingsPublisher.key(SettingsLevel.ACCOUNT, null));
        Map<String, EffectiveCallSettings> subjects = new LinkedHashMap<>();
        for (PhoneNumber number : PhoneNumber.ofAccount(accountId)) {
            List<CallSettingsLayer> chain = new ArrayList<>(3);
            chain.add(layers.get(SettingsPublisher.key(SettingsLevel.NUMBER, number.number)));
            if (number.assignedUserId != null) {
                chain.add(layers.get(SettingsPublisher.key(SettingsLevel.USER, number.assignedUserId)));
            }
            chain.add(account);
            subjects.put(number.number, EffectiveCallSettings.resolve(chain));
        }
        for (User user : User.ofAccount(accountId)) {
            subjects.put("user " + user.id, EffectiveCallSettings.resolve(
                    Arrays.asList(layers.get(SettingsPublisher.key(SettingsLevel.USER, user.id)), account)));
        }
        subjects.put(ACCOUNT_DEFAULTS, EffectiveCallSettings.resolve(Arrays.asList(account)));
        return subjects;
    }

    /**
     * 400 naming the field a refusal belongs to when the change made since {@code before} leaves a pattern longer
     * than its timeout; the caller's transaction then rolls back, so nothing is saved or published.
     *
     * @param fieldOf the request field to blame for one overrun ({@code timeoutSeconds}, {@code ringPattern.targets},
     *                {@code assignedUserId})
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requireFit(String accountId, Map<String, EffectiveCallSettings> before,
            Function<RingPatternOverrun, String> fieldOf) {
        List<RingPatternOverrun> overruns = RingPatternOverrun.leftBy(before, snapshot(accountId));
        if (overruns.isEmpty()) {
            return;
        }
        Map<String, List<RingPatternOverrun>> byField = overruns.stream()
                .collect(Collectors.groupingBy(fieldOf, LinkedHashMap::new, Collectors.toList()));
        List<Problems.FieldError> errors = new ArrayList<>();
        byField.forEach((field, list) -> errors.add(new Problems.FieldError(field, message(field, list))));
        throw new InvalidFieldsException(errors);
    }

    private static String message(String field, List<RingPatternOverrun> overruns) {
        String which = overruns.stream().map(RingPatternOverrun::describe).collect(Collectors.joining("; "));
        int longest = overruns.stream().mapToInt(RingPatternOverrun::totalSeconds).max().orElse(0);
        return switch (field) {
            case "timeoutSeconds" -> "would be shorter than the ring patterns that ring with it: " + which
                    + ". Shorten those patterns first, or keep a timeout of at least " + longest + " s";
            case "assignedUserId" -> "would leave the number's ring pattern longer than its call timeout: " + which
                    + ". Change the pattern or the timeout first";
            default -> "would ring longer than the call timeout where it is inherited: " + which
                    + ". Shorten the pattern, or lengthen those timeouts first";
        };
    }
}

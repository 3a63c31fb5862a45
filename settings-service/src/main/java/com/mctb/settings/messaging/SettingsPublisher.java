package com.mctb.settings.messaging;

import com.mctb.contracts.Keys;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.BusinessProfileChanged;
import com.mctb.contracts.event.CallSettingsChanged;
import com.mctb.kit.outbox.Outbox;
import com.mctb.settings.domain.CallSettingsLayer;
import com.mctb.settings.domain.EffectiveCallSettings;
import com.mctb.settings.domain.SettingsLevel;
import com.mctb.settings.persistence.Account;
import com.mctb.settings.persistence.CallSettings;
import com.mctb.settings.persistence.PhoneNumber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes an account's whole current state to the compacted settings topics, in the transaction of the change:
 * {@code settings.business} under the account's key, {@code settings.call} under the account's key (its defaults)
 * and under accountId/number for each of its numbers (that number's effective settings). Publishing everything on
 * each change keeps consumers simple: the latest record per key is the truth.
 */
@ApplicationScoped
public class SettingsPublisher {

    @Inject
    Outbox outbox;

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(Account account) {
        account.version++;
        account.updatedAt = Instant.now();
        Instant now = account.updatedAt;
        List<PhoneNumber> numbers = PhoneNumber.ofAccount(account.id);
        CallSettingsLayer accountLayer = CallSettings.find(account.id, SettingsLevel.ACCOUNT, null)
                .map(CallSettings::toLayer).orElse(CallSettingsLayer.empty(SettingsLevel.ACCOUNT));

        outbox.publish(Topics.SETTINGS_BUSINESS, Keys.account(account.id), new BusinessProfileChanged(
                account.id, account.businessName, account.timeZone,
                numbers.stream().map(n -> n.number).toList(),
                numbers.stream().filter(n -> n.isDefault).map(n -> n.number).findFirst()
                        .orElse(numbers.isEmpty() ? null : numbers.get(0).number),
                null,
                new BusinessProfileChanged.LegacyTextBack(account.legacyTextBackEnabled, account.legacyTextBackMessage),
                account.version, now));

        outbox.publish(Topics.SETTINGS_CALL, Keys.account(account.id),
                snapshot(account, null, List.of(accountLayer), now));
        for (PhoneNumber number : numbers) {
            List<CallSettingsLayer> layers = new ArrayList<>();
            CallSettings.find(account.id, SettingsLevel.NUMBER, number.number).map(CallSettings::toLayer)
                    .ifPresent(layers::add);
            layers.add(accountLayer);
            outbox.publish(Topics.SETTINGS_CALL, Keys.accountAndPhone(account.id, number.number),
                    snapshot(account, number.number, layers, now));
        }
    }

    /** A number left the account: its key is deleted from {@code settings.call}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void numberRemoved(String accountId, String number) {
        outbox.publishTombstone(Topics.SETTINGS_CALL, Keys.accountAndPhone(accountId, number));
    }

    private static CallSettingsChanged snapshot(Account account, String number, List<CallSettingsLayer> layers,
            Instant now) {
        EffectiveCallSettings effective = EffectiveCallSettings.resolve(layers);
        return new CallSettingsChanged(account.id, number, account.businessName,
                effective.timeoutSeconds().value(), effective.forwardTo().value(),
                null, true, false, null, account.version, now);
    }
}

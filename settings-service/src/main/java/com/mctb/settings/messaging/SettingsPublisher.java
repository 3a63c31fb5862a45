package com.mctb.settings.messaging;

import com.mctb.contracts.Keys;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.BusinessProfileChanged;
import com.mctb.contracts.event.CallSettingsChanged;
import com.mctb.kit.outbox.Outbox;
import com.mctb.kit.tx.AfterCommit;
import com.mctb.settings.config.SettingsConfig;
import com.mctb.settings.domain.AudioPurpose;
import com.mctb.settings.domain.CallSettingsLayer;
import com.mctb.settings.domain.CustomGreeting;
import com.mctb.settings.domain.EffectiveCallSettings;
import com.mctb.settings.domain.RingPattern;
import com.mctb.settings.domain.SettingsChange;
import com.mctb.settings.domain.SettingsLevel;
import com.mctb.settings.persistence.Account;
import com.mctb.settings.persistence.CallSettings;
import com.mctb.settings.persistence.Greeting;
import com.mctb.settings.persistence.PhoneNumber;
import com.mctb.settings.persistence.User;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Publishes an account's whole current state to the compacted settings topics, in the transaction of the change:
 * {@code settings.business} under the account's key, {@code settings.call} under the account's key (its defaults)
 * and under accountId/number for each of its numbers (that number's effective settings, number > assigned user >
 * account > system). Publishing everything on each change keeps consumers simple: the latest record per key is the
 * truth. Callers hold the account's lock ({@link Account#lockForChange}), so records follow commit order.
 */
@ApplicationScoped
public class SettingsPublisher {

    private static final Logger LOG = Logger.getLogger(SettingsPublisher.class);

    @Inject
    Outbox outbox;

    @Inject
    SettingsConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    AfterCommit afterCommit;

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(Account account, SettingsChange change) {
        account.version++;
        account.updatedAt = Instant.now();
        Instant now = account.updatedAt;
        List<PhoneNumber> numbers = PhoneNumber.ofAccount(account.id);
        Map<String, CallSettingsLayer> layers = layersOf(account.id);
        CallSettingsLayer accountLayer = layers.getOrDefault(key(SettingsLevel.ACCOUNT, null),
                CallSettingsLayer.empty(SettingsLevel.ACCOUNT));

        outbox.publish(Topics.SETTINGS_BUSINESS, Keys.account(account.id), new BusinessProfileChanged(
                account.id, account.businessName, account.timeZone,
                numbers.stream().map(n -> n.number).toList(),
                numbers.stream().filter(n -> n.isDefault).map(n -> n.number).findFirst()
                        .orElse(numbers.isEmpty() ? null : numbers.get(0).number),
                account.hours().orElse(null),
                new BusinessProfileChanged.LegacyTextBack(account.legacyTextBackEnabled, account.legacyTextBackMessage),
                account.version, now, team(account.id, numbers), account.twilioAccountSid));

        Map<String, String> mobiles = new HashMap<>();
        User.ofAccount(account.id).stream().filter(u -> u.mobile != null).forEach(u -> mobiles.put(u.id, u.mobile));
        outbox.publish(Topics.SETTINGS_CALL, Keys.account(account.id),
                snapshot(account, null, List.of(accountLayer), now, account.twilioAccountSid, mobiles));
        for (PhoneNumber number : numbers) {
            List<CallSettingsLayer> chain = new ArrayList<>(3);
            chain.add(layers.get(key(SettingsLevel.NUMBER, number.number)));
            if (number.assignedUserId != null) {
                chain.add(layers.get(key(SettingsLevel.USER, number.assignedUserId)));
            }
            chain.add(accountLayer);
            outbox.publish(Topics.SETTINGS_CALL, Keys.accountAndPhone(account.id, number.number),
                    snapshot(account, number.number, chain, now, number.twilioAccountSid, mobiles));
        }
        afterCommit.run(() -> {
            Counter.builder("mctb.settings.changes.published")
                    .description("Settings changes committed and published to settings.call / settings.business")
                    .tag("kind", change.label())
                    .register(registry).increment();
            LOG.infof("settings published: account=%s change=%s version=%d numbers=%d", account.id, change.label(),
                    account.version, numbers.size());
        });
    }

    /** A number left the account: its key is deleted from {@code settings.call}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void numberRemoved(String accountId, String number) {
        outbox.publishTombstone(Topics.SETTINGS_CALL, Keys.accountAndPhone(accountId, number));
    }

    /** Every level's settings of the account, with the greeting and consent audio uploaded at each level. */
    public Map<String, CallSettingsLayer> layersOf(String accountId) {
        Map<String, CallSettingsLayer> layers = new HashMap<>();
        for (CallSettings settings : CallSettings.ofAccount(accountId)) {
            layers.put(key(settings.level, settings.ref), settings.toLayer());
        }
        for (Greeting greeting : Greeting.ofAccount(accountId)) {
            CustomGreeting custom = greeting.toCustomGreeting();
            boolean consent = greeting.purpose == AudioPurpose.CONSENT;
            CallSettingsLayer empty = CallSettingsLayer.empty(greeting.level);
            layers.merge(key(greeting.level, greeting.ref),
                    consent ? empty.withConsentAudio(custom) : empty.withGreeting(custom),
                    (existing, added) -> consent ? existing.withConsentAudio(custom) : existing.withGreeting(custom));
        }
        return layers;
    }

    public static String key(SettingsLevel level, String ref) {
        return level + "/" + (ref == null ? "" : ref);
    }

    /** The URL Twilio fetches a custom greeting (or consent audio) at: no credential, an unguessable name. */
    public String greetingUrl(CustomGreeting greeting) {
        return config.publicBase() + "/public/greetings/" + greeting.publicToken() + "." + greeting.format().extension();
    }

    private CallSettingsChanged snapshot(Account account, String number, List<CallSettingsLayer> layers, Instant now,
            String twilioAccountSid, Map<String, String> mobiles) {
        EffectiveCallSettings effective = EffectiveCallSettings.resolve(layers);
        RingPattern pattern = effective.ringPattern().value();
        CustomGreeting greeting = effective.greeting().value();
        CustomGreeting consentAudio = effective.consentAudio().value();
        return new CallSettingsChanged(account.id, number, account.businessName,
                effective.timeoutSeconds().value(), effective.forwardTo().value(),
                effective.callerId().value(), effective.answerOnBridge().value(),
                effective.humanAnswerConfirmation().value(),
                greeting == null ? null : greetingUrl(greeting), account.version, now, twilioAccountSid,
                new CallSettingsChanged.RingPattern(pattern.mode().name(), pattern.targets().stream()
                        .map(t -> new CallSettingsChanged.RingTarget(
                                t.userId() == null ? t.number() : mobiles.get(t.userId()), t.userId(), t.ringSeconds()))
                        .toList()),
                new CallSettingsChanged.Recording(effective.recordCalls().value(), effective.consentText().value(),
                        consentAudio == null ? null : greetingUrl(consentAudio),
                        effective.recordingRetentionDays().value()));
    }

    /** Who hears of the account's calls and replies: its users' mobiles and preferences, each number's user. */
    private static BusinessProfileChanged.Team team(String accountId, List<PhoneNumber> numbers) {
        List<BusinessProfileChanged.TeamMember> users = User.ofAccount(accountId).stream()
                .map(u -> new BusinessProfileChanged.TeamMember(u.id, u.name, u.mobile, u.notifyMissedCall,
                        u.notifyVoicemail, u.notifyReply))
                .toList();
        Map<String, String> assigned = new java.util.LinkedHashMap<>();
        numbers.stream().filter(n -> n.assignedUserId != null).forEach(n -> assigned.put(n.number, n.assignedUserId));
        return new BusinessProfileChanged.Team(users, assigned);
    }
}

package com.mctb.messaging.service;

import com.mctb.contracts.Keys;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.Channel;
import com.mctb.contracts.event.InboundMessage;
import com.mctb.contracts.event.OptedOut;
import com.mctb.contracts.phone.PhoneNumbers;
import com.mctb.kit.inbox.Inbox;
import com.mctb.kit.outbox.Outbox;
import com.mctb.kit.tx.AfterCommit;
import com.mctb.kit.twilio.TwilioWebhookGuard;
import com.mctb.messaging.config.MessagingConfig;
import com.mctb.messaging.domain.OptOutKeywords;
import com.mctb.messaging.metrics.MessagingMetrics;
import com.mctb.messaging.persistence.BusinessProfiles;
import com.mctb.messaging.persistence.OptOuts;
import com.mctb.messaging.persistence.WhatsAppSessionLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A text a contact sent to one of the accounts' numbers: STOP and its kin opt the contact out of the account's texts,
 * START/UNSTOP/YES an opted-out contact back in (from anyone else they are an ordinary reply), HELP is answered;
 * anything else becomes an InboundMessage event. A WhatsApp text opens
 * (or extends) the 24-hour session. Handled once per MessageSid (Twilio may post a webhook again).
 */
@ApplicationScoped
public class InboundTexts {

    static final String INBOX = "messaging-service.inbound";
    private static final Logger LOG = Logger.getLogger(InboundTexts.class);

    @Inject
    BusinessProfiles profiles;

    @Inject
    OptOuts optOuts;

    @Inject
    WhatsAppSessionLog whatsAppSessions;

    @Inject
    Inbox inbox;

    @Inject
    Outbox outbox;

    @Inject
    TwilioWebhookGuard guard;

    @Inject
    MessagingMetrics metrics;

    @Inject
    AfterCommit afterCommit;

    @Inject
    MessagingConfig config;

    /**
     * @param from the contact, E.164
     * @param to   our number, E.164
     * @return the text to answer with, if any
     */
    @Transactional
    public Answer received(String messageSid, String twilioAccountSid, Channel channel, String from, String to, String body) {
        Optional<String> account = profiles.accountOwning(to).or(() -> guard.accountFor(twilioAccountSid));
        if (account.isEmpty()) {
            LOG.warnf("inbound %s to %s: no account has this number; ignored", messageSid, PhoneNumbers.mask(to));
            return new Answer(Outcome.UNROUTED, null);
        }
        String accountId = account.get();
        Instant now = Instant.now();
        if (channel == Channel.WHATSAPP) {
            whatsAppSessions.contactWrote(to, from, now);
        }
        boolean first = inbox.firstDelivery(INBOX, messageSid);
        OptOutKeywords.Meaning meaning = OptOutKeywords.of(body);
        String business = profiles.businessName(accountId).orElse("We");
        MessagingConfig.Inbound texts = config.inbound();
        boolean confirm = channel == Channel.WHATSAPP || texts.confirmSmsOptChanges();
        if (meaning == OptOutKeywords.Meaning.OPT_IN && !optOuts.isOptedOut(accountId, from)) {
            // "Yes" from a contact who never opted out is an answer, not an opt-in: it goes on as a text.
            meaning = OptOutKeywords.Meaning.NONE;
        }
        switch (meaning) {
            case OPT_OUT, OPT_IN -> {
                boolean out = meaning == OptOutKeywords.Meaning.OPT_OUT;
                if (first && optOuts.record(accountId, from, out, OptOutKeywords.keyword(body), now)) {
                    outbox.publish(Topics.SMS_EVENTS, Keys.accountAndPhone(accountId, from),
                            new OptedOut(accountId, from, out, OptOutKeywords.keyword(body), messageSid, now));
                    afterCommit.run(() -> {
                        if (out) {
                            metrics.optOut(channel);
                        } else {
                            metrics.optIn(channel);
                        }
                    });
                    LOG.infof("inbound %s: %s opted %s of account %s's texts", messageSid, PhoneNumbers.mask(from),
                            out ? "out" : "back in", accountId);
                }
                String confirmation = out ? texts.optOutText() : texts.optInText();
                return new Answer(out ? Outcome.OPTED_OUT : Outcome.OPTED_IN,
                        confirm ? confirmation.replace("{business}", business) : null);
            }
            case HELP -> {
                return new Answer(Outcome.HELP, texts.helpText().replace("{business}", business));
            }
            default -> {
                if (first) {
                    outbox.publish(Topics.SMS_EVENTS, Keys.accountAndPhone(accountId, from),
                            new InboundMessage(accountId, messageSid, channel, from, to, body, now));
                    LOG.infof("inbound %s for account %s from %s", messageSid, accountId, PhoneNumbers.mask(from));
                }
                return new Answer(Outcome.MESSAGE, null);
            }
        }
    }

    /** How an inbound text was taken, and what to answer (null: nothing). */
    public record Answer(Outcome outcome, String reply) {
    }

    public enum Outcome {
        OPTED_OUT,
        OPTED_IN,
        HELP,
        MESSAGE,
        UNROUTED
    }
}

package com.mctb.workflow.conversation;

import com.mctb.contracts.event.CallAnswered;
import com.mctb.contracts.event.Event;
import com.mctb.contracts.event.InboundMessage;
import com.mctb.contracts.event.OptedOut;
import com.mctb.contracts.event.VoicemailRecorded;
import com.mctb.contracts.event.VoicemailTranscribed;
import com.mctb.kit.kafka.EventHandler;
import com.mctb.workflow.domain.conversation.NotificationText;
import com.mctb.workflow.persistence.BusinessProfile;
import com.mctb.workflow.persistence.Contact;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.UUID;

/**
 * Puts what happens with a contact into their conversation: answered calls, voicemails and their transcriptions,
 * texts in, STOP/START; and tells the team of a voicemail and a reply ({@link Notifications}). (A missed call's entry
 * and its notification are written with the call by the missed-call path, the statuses of texts by
 * {@code TextOutcomes}: neither is read twice.) A caller the conversation has not met is made a contact (in
 * a transaction of its own, committed at once, so it never waits on the missed-call path's lock of the same row).
 */
@ApplicationScoped
public class ConversationEventHandler implements EventHandler<Event> {

    @Inject
    ConversationLog log;

    @Inject
    Notifications notifications;

    @Inject
    EntityManager em;

    @Override
    public void handle(Event event) {
        if (event instanceof CallAnswered answered) {
            Contact contact = contact(answered.accountId(), answered.from());
            log.entry(answered.accountId(), contact.id, "CALL_ANSWERED", answered.answeredAt(), answered.eventId(),
                    null, null, answered.to(), null, answered.callSid(), "completed", null, null);
        } else if (event instanceof VoicemailRecorded voicemail) {
            if (voicemail.from() == null) {
                return;
            }
            Contact contact = contact(voicemail.accountId(), voicemail.from());
            if (log.entry(voicemail.accountId(), contact.id, "VOICEMAIL", voicemail.recordedAt(), voicemail.eventId(),
                    null, null, voicemail.to(), null, voicemail.callSid(), null, voicemail.recordingSid(),
                    voicemail.durationSeconds())) {
                notifications.notify(Notifications.Kind.VOICEMAIL, voicemail.eventId(), voicemail.accountId(),
                        voicemail.to(), contact.phone, NotificationText.voicemail(name(contact), contact.phone,
                                voicemail.durationSeconds(), null, business(voicemail.accountId())));
            }
        } else if (event instanceof VoicemailTranscribed transcribed) {
            log.transcription(transcribed.recordingSid(), transcribed.failed(), transcribed.text());
        } else if (event instanceof InboundMessage inbound) {
            Contact contact = contact(inbound.accountId(), phone(inbound.from()));
            String to = phone(inbound.to());
            if (log.entry(inbound.accountId(), contact.id, "TEXT_IN", inbound.receivedAt(), inbound.eventId(),
                    inbound.channel() == null ? "SMS" : inbound.channel().name(), inbound.body(), to,
                    inbound.messageSid(), null, null, null, null)) {
                notifications.notify(Notifications.Kind.REPLY, inbound.eventId(), inbound.accountId(), to,
                        contact.phone, NotificationText.reply(name(contact), contact.phone,
                                inbound.body() == null ? "" : inbound.body(), business(inbound.accountId())));
            }
        } else if (event instanceof OptedOut opt) {
            Contact contact = contact(opt.accountId(), phone(opt.phone()));
            log.entry(opt.accountId(), contact.id, opt.optedOut() ? "OPTED_OUT" : "OPTED_IN", opt.at(), opt.eventId(),
                    null, opt.keyword(), null, opt.messageSid(), null, null, null, null);
        }
    }

    /** The contact with this phone; a new one is created and committed on its own first. */
    private Contact contact(String accountId, String phone) {
        return Contact.byPhone(accountId, phone).orElseGet(() -> {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into contact (id, account_id, "
                            + "phone, created_at, updated_at) values (?1, ?2, ?3, ?4, ?4) "
                            + "on conflict (account_id, phone) do nothing")
                    .setParameter(1, UUID.randomUUID()).setParameter(2, accountId).setParameter(3, phone)
                    .setParameter(4, Instant.now()).executeUpdate());
            return Contact.byPhone(accountId, phone).orElseThrow();
        });
    }

    private static String name(Contact contact) {
        String name = ((contact.firstName == null ? "" : contact.firstName) + " "
                + (contact.lastName == null ? "" : contact.lastName)).strip();
        return name.isEmpty() ? null : name;
    }

    private static String business(String accountId) {
        BusinessProfile profile = BusinessProfile.findById(accountId);
        return profile == null ? null : profile.businessName;
    }

    /** WhatsApp addresses arrive as whatsapp:+1...; contacts are kept by their E.164 number. */
    private static String phone(String raw) {
        return raw != null && raw.startsWith("whatsapp:") ? raw.substring("whatsapp:".length()) : raw;
    }
}

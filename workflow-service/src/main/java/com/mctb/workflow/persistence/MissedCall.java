package com.mctb.workflow.persistence;

import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.VoicemailRecorded;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A missed call this service handled: the root of its journey and what call counts count. Written with upserts, as
 * a call's voicemail (another topic) may arrive before the call itself.
 */
@Entity
@Table(name = "missed_call")
public class MissedCall extends PanacheEntityBase {

    @Id
    @Column(name = "call_sid")
    public String callSid;

    @Column(name = "account_id", nullable = false)
    public String accountId;

    @Column(name = "contact_id")
    public UUID contactId;

    public String caller;

    @Column(name = "called_number")
    public String calledNumber;

    @Column(name = "dial_status")
    public String dialStatus;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "voicemail_sid")
    public String voicemailSid;

    @Column(name = "voicemail_at")
    public Instant voicemailAt;

    @Column(name = "voicemail_seconds")
    public Integer voicemailSeconds;

    @Column(name = "handled_at")
    public Instant handledAt;

    /**
     * Records a call from a withheld number (keeping a voicemail already recorded for it); false if the call was
     * handled before (a redelivery: the call's row is the inbox).
     */
    public static boolean recordWithheld(CallMissed call, Instant now) {
        return !getEntityManager().createNativeQuery("insert into missed_call (call_sid, account_id, caller, "
                        + "called_number, dial_status, occurred_at, handled_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                        + "on conflict (call_sid) do update set caller = excluded.caller, "
                        + "called_number = excluded.called_number, dial_status = excluded.dial_status, "
                        + "occurred_at = excluded.occurred_at, handled_at = excluded.handled_at "
                        + "where missed_call.handled_at is null returning call_sid")
                .setParameter(1, call.callSid())
                .setParameter(2, call.accountId())
                .setParameter(3, call.from())
                .setParameter(4, call.to())
                .setParameter(5, call.dialStatus().twilioName())
                .setParameter(6, call.occurredAt())
                .setParameter(7, now)
                .getResultList().isEmpty();
    }

    /** Records a voicemail left after the call, whether or not the call itself is known yet. */
    public static void recordVoicemail(VoicemailRecorded voicemail) {
        getEntityManager().createNativeQuery("insert into missed_call (call_sid, account_id, caller, called_number, "
                        + "voicemail_sid, voicemail_at, voicemail_seconds) values (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                        + "on conflict (call_sid) do update set voicemail_sid = excluded.voicemail_sid, "
                        + "voicemail_at = excluded.voicemail_at, voicemail_seconds = excluded.voicemail_seconds")
                .setParameter(1, voicemail.callSid())
                .setParameter(2, voicemail.accountId())
                .setParameter(3, voicemail.from())
                .setParameter(4, voicemail.to())
                .setParameter(5, voicemail.recordingSid())
                .setParameter(6, voicemail.recordedAt())
                .setParameter(7, voicemail.durationSeconds())
                .executeUpdate();
    }

    /** The contact's missed calls in {@code window} up to {@code until}. */
    public static int countFor(UUID contactId, Duration window, Instant until) {
        return ((Number) getEntityManager().createNativeQuery("select count(*) from missed_call where contact_id = ?1 "
                        + "and occurred_at > ?2 and occurred_at <= ?3")
                .setParameter(1, contactId)
                .setParameter(2, until.minus(window))
                .setParameter(3, until)
                .getSingleResult()).intValue();
    }
}

package com.mctb.messaging.persistence;

import com.mctb.contracts.event.Channel;
import com.mctb.contracts.event.MessageCause;
import com.mctb.messaging.domain.MessageStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One text we were asked to send, and what became of it. */
@Entity
public class Message extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "command_id", nullable = false, unique = true)
    public String commandId;

    @Column(name = "account_id", nullable = false)
    public String accountId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Column(name = "from_number", nullable = false)
    public String fromNumber;

    @Column(name = "to_number", nullable = false)
    public String toNumber;

    @Column(nullable = false)
    public String body;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MessageCause cause;

    @Column(name = "call_sid")
    public String callSid;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MessageStatus status;

    @Column(name = "twilio_sid")
    public String twilioSid;

    public Integer segments;

    @Column(name = "error_code")
    public Integer errorCode;

    @Column(name = "error_message")
    public String errorMessage;

    @Column(name = "missed_at")
    public Instant missedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "claimed_at")
    public Instant claimedAt;

    /** The fencing token of the send lease: one more at every claim; the claimer's outcome is written only while it holds. */
    public long lease;

    /** The W3C trace context the command arrived in (null when tracing is off). */
    public String traceparent;

    /** When the status last changed (Twilio's callbacks, our own outcome). */
    @Column(name = "status_at")
    public Instant statusAt;

    @Column(name = "sms_fallback", nullable = false)
    public boolean smsFallback;

    @Column(name = "fell_back_to_sms", nullable = false)
    public boolean fellBackToSms;

    @Column(name = "reject_reason")
    public String rejectReason;

    /** The Twilio account (or subaccount) it is sent through; null: the platform's main account. */
    @Column(name = "twilio_account_sid")
    public String twilioAccountSid;

    public static Optional<Message> byCommandId(String commandId) {
        return find("commandId", commandId).firstResultOptional();
    }

    public static Optional<Message> byTwilioSid(String sid) {
        return find("twilioSid", sid).firstResultOptional();
    }

    public static List<Message> ofAccount(String accountId, int limit) {
        return find("accountId = ?1 order by createdAt desc", accountId).page(0, limit).list();
    }
}

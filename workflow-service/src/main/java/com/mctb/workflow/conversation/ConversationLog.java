package com.mctb.workflow.conversation;

import com.mctb.contracts.event.SendMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Writes a contact's conversation ({@code conversation_entry}) in the caller's transaction, in plain JDBC on its
 * connection: a text this service sends is written with its SendMessage (workflow steps and the legacy toggle are on
 * the missed-call hot path, where Hibernate's per-statement handling was half the CPU), everything else as the
 * conversation's consumer handles the event. Every write is idempotent by a unique id (the command id, the event's
 * source id, the recording), so a replay changes nothing.
 *
 * <p>Called only inside a transaction; not intercepted.
 */
@ApplicationScoped
public class ConversationLog {

    /** A text out's statuses in the order they can follow each other; the last ones are final. */
    public enum Status {
        QUEUED(0), ACCEPTED(1), SENT(2), DELIVERED(3), UNDELIVERED(4), FAILED(4), REJECTED(4);

        final int rank;

        Status(int rank) {
            this.rank = rank;
        }

        /** Its place in that order (the final ones share the last). */
        public int rank() {
            return rank;
        }
    }

    static final String TEXT_OUT = "insert into conversation_entry (account_id, contact_id, kind, at, "
            + "command_id, channel, body, our_number, status, status_rank, status_at, sender, workflow_id, "
            + "workflow_version, step_id, user_id, call_sid) values (?, ?, 'TEXT_OUT', ?, ?, ?, ?, ?, 'QUEUED', 0, ?, "
            + "?, ?, ?, ?, ?, ?) on conflict (command_id) do nothing";
    private static final String ENTRY = "insert into conversation_entry (account_id, contact_id, kind, at, source_id, "
            + "channel, body, our_number, message_sid, call_sid, dial_status, recording_sid, duration_seconds) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing";

    @Inject
    EntityManager em;

    @Inject
    QueuedTexts queued;

    /**
     * A text this service is about to send to a contact (its SendMessage is in the outbox in this transaction).
     * Returns false when that command is in the conversation already.
     */
    public boolean textQueued(SendMessage command, UUID contactId, Sender sender) {
        return update(TEXT_OUT, textOutParameters(command, contactId, sender)) == 1;
    }

    /**
     * The same, written just before the transaction commits, in one batch with the transaction's other texts (the
     * missed-call path and the timers, which need no answer): see {@link QueuedTexts}.
     */
    public void textQueuedAtCommit(SendMessage command, UUID contactId, Sender sender) {
        queued.add(command, contactId, sender);
    }

    static Object[] textOutParameters(SendMessage command, UUID contactId, Sender sender) {
        return new Object[] {command.accountId(), contactId, command.requestedAt(), command.commandId(),
                command.channel().name(), command.body(), command.from(), command.requestedAt(), sender.kind(),
                sender.workflowId(), sender.workflowVersion(), sender.stepId(), sender.userId(), command.callSid()};
    }

    /** Something the contact did or that happened on a call: a text in, a call, a voicemail, STOP/START. */
    public boolean entry(String accountId, UUID contactId, String kind, Instant at, String sourceId, String channel,
            String body, String ourNumber, String messageSid, String callSid, String dialStatus, String recordingSid,
            Integer durationSeconds) {
        return update(ENTRY, accountId, contactId, kind, at, sourceId, channel, body, ourNumber, messageSid, callSid,
                dialStatus, recordingSid, durationSeconds) == 1;
    }

    /**
     * Moves a text out forward to {@code status} (never back: a late "sent" after "delivered" changes nothing),
     * found by its command id or, for an event without one, by Twilio's MessageSid.
     */
    public void status(String commandId, String messageSid, Status status, Instant at, Integer errorCode,
            String detail) {
        String where = commandId != null ? "command_id = ?" : "message_sid = ?";
        update("update conversation_entry set status = ?, status_rank = ?, status_at = ?, "
                        + "message_sid = coalesce(?, message_sid), error_code = coalesce(?, error_code), "
                        + "status_detail = coalesce(?, status_detail) where " + where
                        + " and kind = 'TEXT_OUT' and status_rank < ?",
                status.name(), status.rank, at, messageSid, errorCode, detail,
                commandId != null ? commandId : messageSid, status.rank);
    }

    /** The transcription of a voicemail in the conversation (or that it failed). */
    public void transcription(String recordingSid, boolean failed, String text) {
        update("update conversation_entry set transcription = ?, transcription_failed = ? where recording_sid = ?",
                failed ? null : text, failed, recordingSid);
    }

    /** The body of the text out with this command id, when there is one. */
    public Optional<String> bodyOf(String commandId) {
        String[] found = new String[1];
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement sql = connection.prepareStatement(
                    "select body from conversation_entry where command_id = ?")) {
                bind(sql, commandId);
                try (ResultSet rs = sql.executeQuery()) {
                    found[0] = rs.next() ? rs.getString(1) : null;
                }
            }
        });
        return Optional.ofNullable(found[0]);
    }

    /** When the contact last wrote on WhatsApp (the 24-hour window), if ever. */
    public Optional<Instant> lastWhatsAppFromContact(String accountId, UUID contactId) {
        return instant("select max(at) from conversation_entry where account_id = ? and contact_id = ? "
                + "and kind = 'TEXT_IN' and channel = 'WHATSAPP'", accountId, contactId);
    }

    /** The account's number the contact last talked with (called, or texted, or was texted from). */
    public Optional<String> lastNumber(String accountId, UUID contactId) {
        String[] found = new String[1];
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement sql = connection.prepareStatement("select our_number from conversation_entry "
                    + "where account_id = ? and contact_id = ? and our_number is not null order by id desc limit 1")) {
                bind(sql, accountId, contactId);
                try (ResultSet rs = sql.executeQuery()) {
                    found[0] = rs.next() ? rs.getString(1) : null;
                }
            }
        });
        return Optional.ofNullable(found[0]);
    }

    private Optional<Instant> instant(String query, Object... params) {
        Instant[] found = new Instant[1];
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement sql = connection.prepareStatement(query)) {
                bind(sql, params);
                try (ResultSet rs = sql.executeQuery()) {
                    OffsetDateTime t = rs.next() ? rs.getObject(1, OffsetDateTime.class) : null;
                    found[0] = t == null ? null : t.toInstant();
                }
            }
        });
        return Optional.ofNullable(found[0]);
    }

    private int update(String statement, Object... params) {
        int[] rows = new int[1];
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement sql = connection.prepareStatement(statement)) {
                bind(sql, params);
                rows[0] = sql.executeUpdate();
            }
        });
        return rows[0];
    }

    static void bind(PreparedStatement sql, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) {
                sql.setNull(i + 1, Types.NULL);
            } else if (p instanceof Instant instant) {
                sql.setObject(i + 1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            } else {
                sql.setObject(i + 1, p);
            }
        }
    }
}

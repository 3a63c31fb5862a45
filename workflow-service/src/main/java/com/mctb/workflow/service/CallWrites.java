package com.mctb.workflow.service;

import com.mctb.contracts.event.CallMissed;
import com.mctb.workflow.persistence.BeforeCommit;
import com.mctb.workflow.persistence.Contact;
import com.mctb.workflow.persistence.WorkflowRun;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The missed-call path's own writes, in plain JDBC on the transaction's connection: per call one statement finds or
 * creates the contact, counts and locks it, records the call and puts it into the contact's conversation (the
 * Conversations inbox's CALL_MISSED entry: no other consumer reads {@code calls.missed}); the runs the calls of a poll batch start and the tag
 * changes they make are kept with the transaction and written just before it commits (the runs as one JDBC batch, a
 * multi-row insert; the tags as one statement). Plain
 * JDBC rather than entities because this is the hot path: Hibernate's handling of each statement and flush cost
 * about half of the path's CPU (measured with JFR). Later calls of the same batch see what earlier ones wrote here.
 *
 * <p>One per transaction, so only inside one; not intercepted, as it is on the hot path.
 */
@TransactionScoped
public class CallWrites {

    /*
     * The call is its own inbox: a call already handled (missed_call.handled_at set; a row without it was written by
     * a voicemail that came first) counts nothing and returns no row. A repeat handled by a concurrent transaction
     * that committed meanwhile is seen by the missed_call upsert (recorded = 0).
     */
    private static final String CALLED = """
            with c as (
              insert into contact (id, account_id, phone, call_count, last_call_at, created_at, updated_at)
              select ?, ?, ?, 1, ?, ?, ?
              where not exists (select 1 from missed_call where call_sid = ? and handled_at is not null)
              on conflict (account_id, phone) do update set call_count = contact.call_count + 1,
                last_call_at = excluded.last_call_at, updated_at = excluded.updated_at
              returning id, first_name, last_name, tags, opted_out, call_count),
            m as (
              insert into missed_call (call_sid, account_id, contact_id, caller, called_number, dial_status,
                occurred_at, handled_at)
              select ?, ?, c.id, ?, ?, ?, ?, ? from c
              on conflict (call_sid) do update set contact_id = excluded.contact_id, caller = excluded.caller,
                called_number = excluded.called_number, dial_status = excluded.dial_status,
                occurred_at = excluded.occurred_at, handled_at = excluded.handled_at
              where missed_call.handled_at is null
              returning voicemail_sid),
            e as (
              insert into conversation_entry (account_id, contact_id, kind, at, source_id, our_number, call_sid,
                dial_status)
              select ?, c.id, 'CALL_MISSED', ?, ?, ?, ?, ? from c
              on conflict do nothing
              returning id)
            select c.*, exists (select 1 from m where m.voicemail_sid is not null) as voicemail_left,
              (select count(*) from m) as recorded, exists (select 1 from e) as in_conversation from c""";
    private static final String INSERT_RUN = "insert into workflow_run (id, account_id, workflow_id, workflow_version, "
            + "contact_id, call_sid, status, pointer, due_at, wait_kind, wait_step, outcome, texts_sent, called_number, "
            + "missed_at, created_at, updated_at, finished_at, yields_to) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            + "?, ?, ?)";
    /* Every contact whose tags the transaction changed, in one statement: (contact, tag) pairs, in order; a contact
     * left without tags comes as one pair with a null tag. */
    private static final String UPDATE_TAGS = """
            update contact c set tags = v.tags, updated_at = ?
            from (select id, coalesce(array_agg(tag order by ord) filter (where tag is not null), '{}') as tags
                  from unnest(?::uuid[], ?::text[]) with ordinality as u(id, tag, ord) group by id) v
            where c.id = v.id""";

    @Inject
    EntityManager em;

    /** What this transaction's calls wrote, in order. */
    private final Map<UUID, WorkflowRun> runs = new LinkedHashMap<>();
    private final Map<UUID, List<String>> tags = new LinkedHashMap<>();

    @PostConstruct
    void writeBeforeCommit() {
        BeforeCommit.write(em, this::write);
    }

    /**
     * A missed call from this phone: the contact (created if new, its call counted, locked for this transaction, with
     * the tags earlier calls of this transaction gave it) and whether a voicemail is already known for the call; empty
     * if the call was handled before (a redelivery or a resend: the call's row is the inbox).
     *
     * @throws ConcurrentRepeatException when another transaction handled the same call meanwhile: this one rolls back
     *                                   and is retried like a serialization failure (its batch then finds the call
     *                                   handled)
     */
    public Optional<Contact.Called> called(CallMissed call, Instant now) {
        Contact contact = new Contact();
        boolean[] voicemail = new boolean[1];
        boolean[] inConversation = new boolean[1];
        boolean[] found = new boolean[1];
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement sql = connection.prepareStatement(CALLED)) {
                sql.setObject(1, UUID.randomUUID());
                sql.setString(2, call.accountId());
                sql.setString(3, call.from());
                sql.setObject(4, utc(call.occurredAt()));
                sql.setObject(5, utc(now));
                sql.setObject(6, utc(now));
                sql.setString(7, call.callSid());
                sql.setString(8, call.callSid());
                sql.setString(9, call.accountId());
                sql.setString(10, call.from());
                sql.setString(11, call.to());
                sql.setString(12, call.dialStatus().twilioName());
                sql.setObject(13, utc(call.occurredAt()));
                sql.setObject(14, utc(now));
                sql.setString(15, call.accountId());
                sql.setObject(16, utc(call.occurredAt()));
                sql.setString(17, call.eventId());
                sql.setString(18, call.to());
                sql.setString(19, call.callSid());
                sql.setString(20, call.dialStatus().twilioName());
                try (ResultSet row = sql.executeQuery()) {
                    if (!row.next()) {
                        return;
                    }
                    if (row.getLong("recorded") == 0) {
                        throw new ConcurrentRepeatException(call.callSid());
                    }
                    found[0] = true;
                    contact.id = row.getObject("id", UUID.class);
                    contact.firstName = row.getString("first_name");
                    contact.lastName = row.getString("last_name");
                    Array tags = row.getArray("tags");
                    contact.tags = tags == null ? new ArrayList<>() : new ArrayList<>(Arrays.asList((String[]) tags.getArray()));
                    contact.optedOut = row.getBoolean("opted_out");
                    contact.callCount = row.getInt("call_count");
                    voicemail[0] = row.getBoolean("voicemail_left");
                    inConversation[0] = row.getBoolean("in_conversation");
                }
            }
        });
        if (!found[0]) {
            return Optional.empty();
        }
        contact.accountId = call.accountId();
        contact.phone = call.from();
        contact.lastCallAt = call.occurredAt();
        contact.updatedAt = now;
        List<String> written = tags.get(contact.id);
        if (written != null) {
            contact.tags = new ArrayList<>(written);
        }
        return Optional.of(new Contact.Called(contact, voicemail[0], inConversation[0]));
    }

    /**
     * The same call handled by two transactions at once (a rebalance's redelivery): the later one rolls back, and its
     * batch is retried (SQLState 40001, as for a serialization failure), when it finds the call handled.
     */
    public static final class ConcurrentRepeatException extends IllegalStateException {
        ConcurrentRepeatException(String callSid) {
            super("call " + callSid + " was handled by another transaction meanwhile; this one rolls back",
                    new java.sql.SQLTransactionRollbackException("concurrent repeat of call " + callSid, "40001"));
        }
    }

    /** A run this transaction started; inserted before it commits. */
    public void started(WorkflowRun run) {
        runs.put(run.id, run);
    }

    /** The contact's tags after this call's steps; written before the transaction commits. */
    public void tags(Contact contact) {
        tags.put(contact.id, List.copyOf(contact.tags));
    }

    /** A run of this workflow this transaction started for the contact that waits (a redial in the same batch). */
    public Optional<UUID> waitingRun(UUID contactId, String workflowId) {
        return runs.values().stream()
                .filter(r -> r.contactId.equals(contactId) && r.workflowId.equals(workflowId)
                        && r.status == WorkflowRun.Status.WAITING)
                .map(r -> r.id).findFirst();
    }

    public boolean started(UUID runId) {
        return runs.containsKey(runId);
    }

    private void write(Connection connection) throws SQLException {
        if (!runs.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_RUN)) {
                for (WorkflowRun r : runs.values()) {
                    insert.setObject(1, r.id);
                    insert.setString(2, r.accountId);
                    insert.setString(3, r.workflowId);
                    insert.setObject(4, r.workflowVersion, Types.INTEGER);
                    insert.setObject(5, r.contactId);
                    insert.setString(6, r.callSid);
                    insert.setString(7, r.status.name());
                    insert.setInt(8, r.pointer);
                    insert.setObject(9, utc(r.dueAt), Types.TIMESTAMP_WITH_TIMEZONE);
                    insert.setString(10, r.waitKind == null ? null : r.waitKind.name());
                    insert.setString(11, r.waitStep);
                    insert.setString(12, r.outcome == null ? null : r.outcome.name());
                    insert.setInt(13, r.textsSent);
                    insert.setString(14, r.calledNumber);
                    insert.setObject(15, utc(r.missedAt), Types.TIMESTAMP_WITH_TIMEZONE);
                    insert.setObject(16, utc(r.createdAt), Types.TIMESTAMP_WITH_TIMEZONE);
                    insert.setObject(17, utc(r.updatedAt), Types.TIMESTAMP_WITH_TIMEZONE);
                    insert.setObject(18, utc(r.finishedAt), Types.TIMESTAMP_WITH_TIMEZONE);
                    insert.setString(19, r.yieldsTo);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            runs.clear();
        }
        if (!tags.isEmpty()) {
            List<String> ids = new ArrayList<>();
            List<String> tagged = new ArrayList<>();
            for (Map.Entry<UUID, List<String>> e : tags.entrySet()) {
                if (e.getValue().isEmpty()) {
                    ids.add(e.getKey().toString());
                    tagged.add(null);
                }
                for (String tag : e.getValue()) {
                    ids.add(e.getKey().toString());
                    tagged.add(tag);
                }
            }
            try (PreparedStatement update = connection.prepareStatement(UPDATE_TAGS)) {
                update.setObject(1, utc(Instant.now()));
                update.setArray(2, connection.createArrayOf("text", ids.toArray()));
                update.setArray(3, connection.createArrayOf("text", tagged.toArray()));
                update.executeUpdate();
            }
            tags.clear();
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}

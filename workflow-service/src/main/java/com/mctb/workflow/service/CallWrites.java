package com.mctb.workflow.service;

import com.mctb.contracts.event.CallMissed;
import com.mctb.workflow.persistence.Contact;
import com.mctb.workflow.persistence.WorkflowRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
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
 * creates the contact, counts and locks it and records the call; the runs the calls of a poll batch start and the tag
 * changes they make are kept with the transaction and written just before it commits, as one JDBC batch each. Plain
 * JDBC rather than entities because this is the hot path: Hibernate's handling of each statement and flush cost
 * about half of the path's CPU (measured with JFR). Later calls of the same batch see what earlier ones wrote here.
 *
 * <p>Called only inside a transaction; not intercepted, as it is on the hot path.
 */
@ApplicationScoped
public class CallWrites {

    private static final String KEY = CallWrites.class.getName();
    private static final String CALLED = """
            with c as (
              insert into contact (id, account_id, phone, call_count, last_call_at, created_at, updated_at)
              values (?, ?, ?, 1, ?, ?, ?)
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
              returning voicemail_sid)
            select c.*, exists (select 1 from m where m.voicemail_sid is not null) as voicemail_left from c""";
    private static final String INSERT_RUN = "insert into workflow_run (id, account_id, workflow_id, workflow_version, "
            + "contact_id, call_sid, status, pointer, due_at, wait_kind, wait_step, outcome, texts_sent, called_number, "
            + "missed_at, created_at, updated_at, finished_at, yields_to) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            + "?, ?, ?)";
    private static final String UPDATE_TAGS = "update contact set tags = ?, updated_at = ? where id = ?";

    @Inject
    EntityManager em;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /**
     * A missed call from this phone: the contact (created if new, its call counted, locked for this transaction, with
     * the tags earlier calls of this transaction gave it) and whether a voicemail is already known for the call.
     */
    public Contact.Called called(CallMissed call, Instant now) {
        Contact contact = new Contact();
        boolean[] voicemail = new boolean[1];
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement sql = connection.prepareStatement(CALLED)) {
                sql.setObject(1, UUID.randomUUID());
                sql.setString(2, call.accountId());
                sql.setString(3, call.from());
                sql.setObject(4, utc(call.occurredAt()));
                sql.setObject(5, utc(now));
                sql.setObject(6, utc(now));
                sql.setString(7, call.callSid());
                sql.setString(8, call.accountId());
                sql.setString(9, call.from());
                sql.setString(10, call.to());
                sql.setString(11, call.dialStatus().twilioName());
                sql.setObject(12, utc(call.occurredAt()));
                sql.setObject(13, utc(now));
                try (ResultSet row = sql.executeQuery()) {
                    row.next();
                    contact.id = row.getObject("id", UUID.class);
                    contact.firstName = row.getString("first_name");
                    contact.lastName = row.getString("last_name");
                    Array tags = row.getArray("tags");
                    contact.tags = tags == null ? new ArrayList<>() : new ArrayList<>(Arrays.asList((String[]) tags.getArray()));
                    contact.optedOut = row.getBoolean("opted_out");
                    contact.callCount = row.getInt("call_count");
                    voicemail[0] = row.getBoolean("voicemail_left");
                }
            }
        });
        contact.accountId = call.accountId();
        contact.phone = call.from();
        contact.lastCallAt = call.occurredAt();
        contact.updatedAt = now;
        Pending pending = pending();
        List<String> written = pending.tags.get(contact.id);
        if (written != null) {
            contact.tags = new ArrayList<>(written);
        }
        return new Contact.Called(contact, voicemail[0]);
    }

    /** A run this transaction started; inserted before it commits. */
    public void started(WorkflowRun run) {
        pending().runs.put(run.id, run);
    }

    /** The contact's tags after this call's steps; written before the transaction commits. */
    public void tags(Contact contact) {
        pending().tags.put(contact.id, List.copyOf(contact.tags));
    }

    /** A run of this workflow this transaction started for the contact that waits (a redial in the same batch). */
    public Optional<UUID> waitingRun(UUID contactId, String workflowId) {
        return pending().runs.values().stream()
                .filter(r -> r.contactId.equals(contactId) && r.workflowId.equals(workflowId)
                        && r.status == WorkflowRun.Status.WAITING)
                .map(r -> r.id).findFirst();
    }

    public boolean started(UUID runId) {
        return pending().runs.containsKey(runId);
    }

    private Pending pending() {
        Pending pending = (Pending) transactions.getResource(KEY);
        if (pending == null) {
            Pending fresh = new Pending();
            transactions.putResource(KEY, fresh);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    if (!transactions.getRollbackOnly()) {
                        em.unwrap(Session.class).doWork(connection -> write(connection, fresh));
                    }
                }

                @Override
                public void afterCompletion(int status) {
                }
            });
            pending = fresh;
        }
        return pending;
    }

    private static void write(Connection connection, Pending pending) throws SQLException {
        if (!pending.runs.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_RUN)) {
                for (WorkflowRun r : pending.runs.values()) {
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
            pending.runs.clear();
        }
        if (!pending.tags.isEmpty()) {
            OffsetDateTime now = utc(Instant.now());
            try (PreparedStatement update = connection.prepareStatement(UPDATE_TAGS)) {
                for (Map.Entry<UUID, List<String>> e : pending.tags.entrySet()) {
                    update.setArray(1, connection.createArrayOf("text", e.getValue().toArray()));
                    update.setObject(2, now);
                    update.setObject(3, e.getKey());
                    update.addBatch();
                }
                update.executeBatch();
            }
            pending.tags.clear();
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    /** What one transaction's calls wrote, in order. */
    private static final class Pending {
        final Map<UUID, WorkflowRun> runs = new LinkedHashMap<>();
        final Map<UUID, List<String>> tags = new LinkedHashMap<>();
    }
}

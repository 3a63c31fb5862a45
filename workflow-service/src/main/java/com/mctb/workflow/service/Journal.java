package com.mctb.workflow.service;

import com.mctb.kit.tx.AfterCommit;
import com.mctb.workflow.domain.journey.JourneyKind;
import com.mctb.workflow.metrics.WorkflowMetrics;
import com.mctb.workflow.persistence.BeforeCommit;
import com.mctb.workflow.persistence.WorkflowRun;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionScoped;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes a missed call's journey in the transaction of what it records, and counts its decisions once it commits.
 * Entries are collected while the transaction works and written just before it commits, as one JDBC batch: a poll
 * batch of calls writes all its journeys in one round trip instead of one insert per entry.
 *
 * <p>One per transaction (the handlers' and the poller's), so only inside one; not intercepted, as it is on the hot
 * path.
 */
@TransactionScoped
public class Journal {

    private static final String INSERT = "insert into journey_entry (id, account_id, call_sid, at, kind, workflow_id, "
            + "workflow_version, run_id, step_id, detail, command_id) values (nextval('journey_entry_seq'), ?, ?, ?, ?, "
            + "?, ?, ?, ?, ?, ?)";

    @Inject
    EntityManager em;

    @Inject
    WorkflowMetrics metrics;

    @Inject
    AfterCommit afterCommit;

    private final Pending pending = new Pending();

    @PostConstruct
    void writeBeforeCommit() {
        BeforeCommit.write(em, this::write);
    }

    /** An entry about the call as a whole (no workflow). */
    public void call(String accountId, String callSid, JourneyKind kind, String detail) {
        add(new Entry(accountId, callSid, kind, null, null, null, null, detail, null));
    }

    /** A command sent for the call as a whole (the legacy toggle's text). */
    public void call(String accountId, String callSid, JourneyKind kind, String detail, String commandId) {
        add(new Entry(accountId, callSid, kind, null, null, null, null, detail, commandId));
    }

    /** An entry about a workflow the call met without a run (trigger not matched, re-entry blocked). */
    public void workflow(String accountId, String callSid, JourneyKind kind, String workflowId, Integer version,
            String detail) {
        add(new Entry(accountId, callSid, kind, workflowId, version, null, null, detail, null));
    }

    /** An entry about a run and, when {@code stepId} is set, one of its steps. */
    public void run(WorkflowRun run, JourneyKind kind, String stepId, String detail, String commandId) {
        add(new Entry(run.accountId, run.callSid, kind, run.workflowId, run.workflowVersion, run.id, stepId, detail,
                commandId));
    }

    private void add(Entry entry) {
        pending.add(entry);
        if (entry.kind().isDecision()) {
            afterCommit.run(() -> metrics.decision(entry.kind()));
        }
    }

    private void write(java.sql.Connection connection) throws java.sql.SQLException {
        if (pending.entries.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Entry e : pending.entries) {
                insert.setString(1, e.accountId());
                insert.setString(2, e.callSid());
                insert.setObject(3, OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC));
                insert.setString(4, e.kind().name());
                insert.setString(5, e.workflowId());
                if (e.version() == null) {
                    insert.setNull(6, Types.INTEGER);
                } else {
                    insert.setInt(6, e.version());
                }
                insert.setObject(7, e.runId(), Types.OTHER);
                insert.setString(8, e.stepId());
                insert.setString(9, e.detail());
                insert.setString(10, e.commandId());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        pending.entries.clear();
    }

    /** The entries of one transaction, each a microsecond after the one before so they keep their order. */
    private static final class Pending {
        final List<Entry> entries = new ArrayList<>();
        Instant last = Instant.EPOCH;

        Instant next() {
            Instant now = Instant.now();
            last = now.isAfter(last) ? now : last.plusNanos(1_000);
            return last;
        }

        void add(Entry entry) {
            entries.add(entry.at(next()));
        }
    }

    private record Entry(String accountId, String callSid, JourneyKind kind, String workflowId, Integer version,
            UUID runId, String stepId, String detail, String commandId, Instant at) {

        Entry(String accountId, String callSid, JourneyKind kind, String workflowId, Integer version, UUID runId,
                String stepId, String detail, String commandId) {
            this(accountId, callSid, kind, workflowId, version, runId, stepId, detail, commandId, null);
        }

        Entry at(Instant when) {
            return new Entry(accountId, callSid, kind, workflowId, version, runId, stepId, detail, commandId, when);
        }
    }
}

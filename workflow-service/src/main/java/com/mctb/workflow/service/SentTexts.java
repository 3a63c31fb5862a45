package com.mctb.workflow.service;

import com.mctb.contracts.event.Channel;
import com.mctb.workflow.domain.engine.RunContext;
import com.mctb.workflow.persistence.BeforeCommit;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The texts this service asked messaging-service to send ({@code workflow_text}), one row per command, with what
 * became of each ({@link TextOutcomes} fills that in). They answer "at most once per N" (a caller's latest text that
 * counts: not refused, not failed) and "one call, one text-back" (another workflow already texted this call), and
 * they are the journey's texts.
 *
 * <p>Rows a transaction adds are kept with it and inserted as one JDBC batch just before it commits (like the
 * journey), and later calls of the same poll batch see them: two redials in one batch are counted too.
 * One per transaction, so only inside one; not intercepted, as it is on the hot path.
 */
@TransactionScoped
public class SentTexts {

    private static final String INSERT = "insert into workflow_text (command_id, account_id, contact_id, call_sid, "
            + "run_id, workflow_id, workflow_name, step_id, channel, counts_for_repeat, alongside, texted_at) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (command_id) do nothing";
    /* The latest text at or before the call if there is one, else the earliest after it. */
    private static final String NEAREST = "select texted_at, workflow_name, call_sid from workflow_text "
            + "where contact_id = ? and counts_for_repeat and call_sid <> ? and texted_at > ? and texted_at < ? "
            + "and failed_at is null and rejected_at is null "
            + "order by texted_at <= ? desc, case when texted_at <= ? then -extract(epoch from texted_at) "
            + "else extract(epoch from texted_at) end limit 1";
    private static final String OF_CALL = "select workflow_name from workflow_text where call_sid = ? and run_id <> ? "
            + "and counts_for_repeat and not alongside and failed_at is null and rejected_at is null limit 1";

    @Inject
    EntityManager em;

    private final List<Text> pending = new ArrayList<>();

    @PostConstruct
    void writeBeforeCommit() {
        BeforeCommit.write(em, this::write);
    }

    /** One text written to the outbox in this transaction. */
    public record Text(String commandId, String accountId, UUID contactId, String callSid, UUID runId,
            String workflowId, String workflowName, String stepId, Channel channel, boolean countsForRepeat,
            boolean alongside, Instant textedAt) {
    }

    public void add(Text text) {
        pending.add(text);
    }

    /**
     * The caller's counted text from another call less than {@code window} before or after {@code at} (a call's own
     * moment): the latest one at or before it, else the earliest after it. After it too, because a caller's calls can
     * be handled out of the order they happened in (the gateway writes a missed call through its outbox, or through its
     * disk spool when the database is slow, and the two paths do not keep order): a redial handled first has texted
     * already, and the call it followed must not text again.
     *
     * @param mayHaveHistory false for a caller on their first call: only this transaction's texts can count
     */
    public Optional<RunContext.PriorText> nearest(UUID contactId, String callSid, Instant at, Duration window,
            boolean mayHaveHistory) {
        Instant after = at.minus(window);
        Instant before = at.plus(window);
        List<Text> near = pending.stream()
                .filter(t -> t.contactId().equals(contactId) && t.countsForRepeat() && !t.callSid().equals(callSid)
                        && t.textedAt().isAfter(after) && t.textedAt().isBefore(before))
                .toList();
        Optional<Text> earlier = near.stream().filter(t -> !t.textedAt().isAfter(at)).max(Comparator.comparing(Text::textedAt));
        Optional<RunContext.PriorText> mine = earlier
                .or(() -> near.stream().min(Comparator.comparing(Text::textedAt)))
                .map(t -> new RunContext.PriorText(t.textedAt(), t.workflowName(), t.callSid()));
        if (mine.isPresent() || !mayHaveHistory) {
            return mine;
        }
        RunContext.PriorText[] found = new RunContext.PriorText[1];
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement sql = connection.prepareStatement(NEAREST)) {
                sql.setObject(1, contactId);
                sql.setString(2, callSid);
                sql.setObject(3, utc(after));
                sql.setObject(4, utc(before));
                sql.setObject(5, utc(at));
                sql.setObject(6, utc(at));
                try (ResultSet row = sql.executeQuery()) {
                    if (row.next()) {
                        found[0] = new RunContext.PriorText(row.getObject(1, OffsetDateTime.class).toInstant(),
                                row.getString(2), row.getString(3));
                    }
                }
            }
        });
        return Optional.ofNullable(found[0]);
    }

    /**
     * The workflow (not texting alongside others) that already texted this call from another run, if any.
     *
     * @param lookInDatabase false while handling the call itself: every run of the call is in this transaction
     */
    public Optional<String> callTextedBy(String callSid, UUID runId, boolean lookInDatabase) {
        Optional<String> mine = pending.stream()
                .filter(t -> t.callSid().equals(callSid) && !runId.equals(t.runId()) && t.countsForRepeat()
                        && !t.alongside())
                .map(Text::workflowName).findFirst();
        if (mine.isPresent() || !lookInDatabase) {
            return mine;
        }
        String[] found = new String[1];
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement sql = connection.prepareStatement(OF_CALL)) {
                sql.setString(1, callSid);
                sql.setObject(2, runId);
                try (ResultSet row = sql.executeQuery()) {
                    if (row.next()) {
                        found[0] = row.getString(1);
                    }
                }
            }
        });
        return Optional.ofNullable(found[0]);
    }

    private void write(java.sql.Connection connection) throws java.sql.SQLException {
        if (pending.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Text t : pending) {
                insert.setString(1, t.commandId());
                insert.setString(2, t.accountId());
                insert.setObject(3, t.contactId());
                insert.setString(4, t.callSid());
                insert.setObject(5, t.runId(), Types.OTHER);
                insert.setString(6, t.workflowId());
                insert.setString(7, t.workflowName());
                insert.setString(8, t.stepId());
                insert.setString(9, t.channel().name());
                insert.setBoolean(10, t.countsForRepeat());
                insert.setBoolean(11, t.alongside());
                insert.setObject(12, utc(t.textedAt()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        pending.clear();
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}

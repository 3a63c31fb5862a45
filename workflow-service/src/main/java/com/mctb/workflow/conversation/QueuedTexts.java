package com.mctb.workflow.conversation;

import com.mctb.contracts.event.SendMessage;
import com.mctb.workflow.persistence.BeforeCommit;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The texts out that a transaction of the missed-call path (a poll batch of calls, a batch of due runs) puts into
 * the contacts' conversations, kept with it and inserted as one JDBC batch just before it commits (a multi-row
 * insert, with the datasource's {@code reWriteBatchedInserts}), like the journey and the runs: one statement per
 * batch instead of one per text.
 *
 * <p>One per transaction, so only inside one; not intercepted, as it is on the hot path.
 */
@TransactionScoped
public class QueuedTexts {

    private record Queued(SendMessage command, UUID contactId, Sender sender) {
    }

    @Inject
    EntityManager em;

    private final List<Queued> pending = new ArrayList<>();

    @PostConstruct
    void writeBeforeCommit() {
        BeforeCommit.write(em, this::write);
    }

    void add(SendMessage command, UUID contactId, Sender sender) {
        pending.add(new Queued(command, contactId, sender));
    }

    private void write(Connection connection) throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(ConversationLog.TEXT_OUT)) {
            for (Queued q : pending) {
                ConversationLog.bind(insert, ConversationLog.textOutParameters(q.command(), q.contactId(), q.sender()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        pending.clear();
    }
}

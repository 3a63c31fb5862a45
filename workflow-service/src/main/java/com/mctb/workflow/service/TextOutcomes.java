package com.mctb.workflow.service;

import com.mctb.contracts.event.MessageAccepted;
import com.mctb.contracts.event.MessageDelivered;
import com.mctb.contracts.event.MessageFailed;
import com.mctb.contracts.event.MessageRejected;
import com.mctb.contracts.event.MessageSent;
import com.mctb.contracts.event.SmsEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * What became of the texts this service asked for: accepted by Twilio (with its SID), sent, delivered, failed (with
 * Twilio's code) or rejected by messaging-service (opt-out, limit, WhatsApp window), each with its time, on the text's
 * {@code workflow_text} row. That is what the journey shows, and what keeps a refused or failed text from counting
 * in a workflow's repeat window.
 *
 * <p>A poll batch of outcomes is one JDBC batch of updates in one transaction, without inbox rows: each update only
 * fills in a column that is still empty, so a redelivered outcome changes nothing. Outcomes of texts this service did
 * not send (the team's replies) match no row and cost one index probe each.
 */
@ApplicationScoped
public class TextOutcomes {

    private static final Logger LOG = Logger.getLogger(TextOutcomes.class);

    private static final String ACCEPTED = "update workflow_text set accepted_at = coalesce(accepted_at, ?), "
            + "message_sid = coalesce(message_sid, ?), accepted_channel = coalesce(accepted_channel, ?) "
            + "where command_id = ?";
    private static final String SENT = "update workflow_text set sent_at = coalesce(sent_at, ?), "
            + "message_sid = coalesce(message_sid, ?) where command_id = ?";
    private static final String DELIVERED = "update workflow_text set delivered_at = coalesce(delivered_at, ?), "
            + "message_sid = coalesce(message_sid, ?) where command_id = ?";
    private static final String FAILED = "update workflow_text set failed_at = coalesce(failed_at, ?), "
            + "error_code = coalesce(error_code, ?), error_message = coalesce(error_message, ?), "
            + "undelivered = ? where command_id = ? and failed_at is null";
    private static final String REJECTED = "update workflow_text set rejected_at = coalesce(rejected_at, ?), "
            + "reject_reason = coalesce(reject_reason, ?), reject_detail = coalesce(reject_detail, ?) "
            + "where command_id = ?";

    @Inject
    EntityManager em;

    /** Whether this is an outcome of a text (rather than a reply, an opt-out or a limit notice). */
    public static boolean isOutcome(SmsEvent event) {
        return event instanceof MessageAccepted || event instanceof MessageSent || event instanceof MessageDelivered
                || event instanceof MessageFailed || event instanceof MessageRejected;
    }

    /** Whether records of this event type are outcomes of a text. */
    public static boolean isOutcome(Class<?> type) {
        return type == MessageAccepted.class || type == MessageSent.class || type == MessageDelivered.class
                || type == MessageFailed.class || type == MessageRejected.class;
    }

    /** Records a poll batch of outcomes in the caller's transaction, as one JDBC batch per kind. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(List<SmsEvent> outcomes) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement accepted = connection.prepareStatement(ACCEPTED);
                 PreparedStatement sent = connection.prepareStatement(SENT);
                 PreparedStatement delivered = connection.prepareStatement(DELIVERED);
                 PreparedStatement failed = connection.prepareStatement(FAILED);
                 PreparedStatement rejected = connection.prepareStatement(REJECTED)) {
                int[] counts = new int[5];
                for (SmsEvent event : outcomes) {
                    if (event instanceof MessageAccepted a) {
                        accepted.setObject(1, utc(a.acceptedAt()));
                        accepted.setString(2, a.messageSid());
                        accepted.setString(3, a.channel() == null ? null : a.channel().name());
                        accepted.setString(4, a.commandId());
                        accepted.addBatch();
                        counts[0]++;
                    } else if (event instanceof MessageSent s && s.commandId() != null) {
                        sent.setObject(1, utc(s.at()));
                        sent.setString(2, s.messageSid());
                        sent.setString(3, s.commandId());
                        sent.addBatch();
                        counts[1]++;
                    } else if (event instanceof MessageDelivered d && d.commandId() != null) {
                        delivered.setObject(1, utc(d.at()));
                        delivered.setString(2, d.messageSid());
                        delivered.setString(3, d.commandId());
                        delivered.addBatch();
                        counts[2]++;
                    } else if (event instanceof MessageFailed f && f.commandId() != null) {
                        failed.setObject(1, utc(f.at()));
                        if (f.errorCode() == null) {
                            failed.setNull(2, Types.INTEGER);
                        } else {
                            failed.setInt(2, f.errorCode());
                        }
                        failed.setString(3, f.errorMessage());
                        failed.setBoolean(4, f.undelivered());
                        failed.setString(5, f.commandId());
                        failed.addBatch();
                        counts[3]++;
                    } else if (event instanceof MessageRejected r) {
                        rejected.setObject(1, utc(r.at()));
                        rejected.setString(2, r.reason().name());
                        rejected.setString(3, r.detail());
                        rejected.setString(4, r.commandId());
                        rejected.addBatch();
                        counts[4]++;
                    }
                }
                PreparedStatement[] all = {accepted, sent, delivered, failed, rejected};
                for (int i = 0; i < all.length; i++) {
                    if (counts[i] > 0) {
                        all[i].executeBatch();
                    }
                }
            }
        });
        LOG.debugf("recorded %d outcome(s) of texts", outcomes.size());
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}

package com.mctb.workflow.service;

import com.mctb.contracts.event.MessageAccepted;
import com.mctb.contracts.event.MessageDelivered;
import com.mctb.contracts.event.MessageFailed;
import com.mctb.contracts.event.MessageRejected;
import com.mctb.contracts.event.MessageSent;
import com.mctb.contracts.event.SmsEvent;
import com.mctb.workflow.conversation.ConversationLog;
import com.mctb.workflow.conversation.ConversationLog.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * What became of the texts this service sent: accepted by Twilio (with its SID), sent, delivered, failed (with
 * Twilio's code) or rejected by messaging-service (opt-out, limit, WhatsApp window), each with its time. Recorded in
 * two places, by this one consumer: on the text's {@code workflow_text} row (what the journey shows, and what keeps a
 * refused or failed text from counting in a workflow's repeat window), and as the status of the text's entry in the
 * contact's conversation ({@code conversation_entry}: every text out, the team's answers included).
 *
 * <p>A poll batch of outcomes is one statement in one transaction, without inbox rows: the batch goes as arrays, is
 * folded per text ({@code group by command_id}: a text's accepted, sent and delivered often come in one batch), and
 * both tables are updated from that. Each {@code workflow_text} column is only filled in while still empty (the first
 * outcome of its kind wins), and a conversation status only moves forward (a late "sent" never undoes "delivered"),
 * so a redelivered outcome changes nothing. An outcome without a command id (a status Twilio reported for a message
 * messaging-service could not tie to one) is looked up in the conversation by its MessageSid, one statement each.
 */
@ApplicationScoped
public class TextOutcomes {

    private static final Logger LOG = Logger.getLogger(TextOutcomes.class);

    static final String RECORD = """
            with v as (
              select * from unnest(?::text[], ?::text[], ?::text[], ?::int[], ?::timestamptz[], ?::text[], ?::int[],
                ?::text[], ?::boolean[], ?::text[], ?::text[], ?::text[])
                with ordinality as v(command_id, message_sid, status, rank, at, channel, error_code, error_message,
                  undelivered, reason, detail, conversation_detail, ord)
              where command_id is not null),
            t as (
              select command_id,
                (array_agg(at order by ord) filter (where status = 'ACCEPTED'))[1] as accepted_at,
                (array_agg(channel order by ord) filter (where status = 'ACCEPTED'))[1] as accepted_channel,
                (array_agg(message_sid order by ord) filter (where message_sid is not null
                  and status in ('ACCEPTED', 'SENT', 'DELIVERED')))[1] as message_sid,
                (array_agg(at order by ord) filter (where status = 'SENT'))[1] as sent_at,
                (array_agg(at order by ord) filter (where status = 'DELIVERED'))[1] as delivered_at,
                (array_agg(at order by ord) filter (where status in ('FAILED', 'UNDELIVERED')))[1] as failed_at,
                (array_agg(error_code order by ord) filter (where status in ('FAILED', 'UNDELIVERED')))[1] as error_code,
                (array_agg(error_message order by ord) filter (where status in ('FAILED', 'UNDELIVERED')))[1]
                  as error_message,
                (array_agg(undelivered order by ord) filter (where status in ('FAILED', 'UNDELIVERED')))[1]
                  as undelivered,
                (array_agg(at order by ord) filter (where status = 'REJECTED'))[1] as rejected_at,
                (array_agg(reason order by ord) filter (where status = 'REJECTED'))[1] as reject_reason,
                (array_agg(detail order by ord) filter (where status = 'REJECTED'))[1] as reject_detail,
                (array_agg(status order by rank desc, ord))[1] as status,
                max(rank) as rank,
                (array_agg(at order by rank desc, ord))[1] as status_at,
                (array_agg(message_sid order by rank desc, ord) filter (where message_sid is not null))[1]
                  as status_message_sid,
                (array_agg(error_code order by rank desc, ord))[1] as status_error_code,
                (array_agg(conversation_detail order by rank desc, ord))[1] as status_detail
              from v group by command_id),
            w as (
              update workflow_text w set
                accepted_at = coalesce(w.accepted_at, t.accepted_at),
                accepted_channel = coalesce(w.accepted_channel, t.accepted_channel),
                message_sid = coalesce(w.message_sid, t.message_sid),
                sent_at = coalesce(w.sent_at, t.sent_at),
                delivered_at = coalesce(w.delivered_at, t.delivered_at),
                error_code = case when w.failed_at is null and t.failed_at is not null
                  then coalesce(w.error_code, t.error_code) else w.error_code end,
                error_message = case when w.failed_at is null and t.failed_at is not null
                  then coalesce(w.error_message, t.error_message) else w.error_message end,
                undelivered = case when w.failed_at is null and t.failed_at is not null
                  then t.undelivered else w.undelivered end,
                failed_at = coalesce(w.failed_at, t.failed_at),
                rejected_at = coalesce(w.rejected_at, t.rejected_at),
                reject_reason = coalesce(w.reject_reason, t.reject_reason),
                reject_detail = coalesce(w.reject_detail, t.reject_detail)
              from t where w.command_id = t.command_id
              returning 1),
            c as (
              update conversation_entry e set status = t.status, status_rank = t.rank, status_at = t.status_at,
                message_sid = coalesce(t.status_message_sid, e.message_sid),
                error_code = coalesce(t.status_error_code, e.error_code),
                status_detail = coalesce(t.status_detail, e.status_detail)
              from t where e.command_id = t.command_id and e.kind = 'TEXT_OUT' and e.status_rank < t.rank
              returning 1)
            select (select count(*) from w), (select count(*) from c)""";

    @Inject
    EntityManager em;

    @Inject
    ConversationLog conversation;

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

    /** Records a poll batch of outcomes in the caller's transaction: one statement for all that name their text. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(List<SmsEvent> outcomes) {
        int n = outcomes.size();
        String[] commandId = new String[n];
        String[] messageSid = new String[n];
        String[] status = new String[n];
        String[] rank = new String[n];
        String[] at = new String[n];
        String[] channel = new String[n];
        String[] errorCode = new String[n];
        String[] errorMessage = new String[n];
        String[] undelivered = new String[n];
        String[] reason = new String[n];
        String[] detail = new String[n];
        String[] conversationDetail = new String[n];
        int named = 0;
        for (int i = 0; i < n; i++) {
            Outcome o = Outcome.of(outcomes.get(i));
            if (o == null) {
                continue;
            }
            if (o.commandId == null) {
                if (o.messageSid != null) {
                    conversation.status(null, o.messageSid, o.status, o.at, o.errorCode, o.conversationDetail);
                }
                continue;
            }
            commandId[i] = o.commandId;
            messageSid[i] = o.messageSid;
            status[i] = o.status.name();
            rank[i] = Integer.toString(o.status.rank());
            at[i] = o.at == null ? null : o.at.toString();
            channel[i] = o.channel;
            errorCode[i] = o.errorCode == null ? null : o.errorCode.toString();
            errorMessage[i] = o.errorMessage;
            undelivered[i] = o.undelivered == null ? null : o.undelivered.toString();
            reason[i] = o.reason;
            detail[i] = o.detail;
            conversationDetail[i] = o.conversationDetail;
            named++;
        }
        if (named > 0) {
            String[][] columns = {commandId, messageSid, status, rank, at, channel, errorCode, errorMessage,
                    undelivered, reason, detail, conversationDetail};
            em.unwrap(Session.class).doWork(connection -> {
                try (PreparedStatement sql = connection.prepareStatement(RECORD)) {
                    for (int c = 0; c < columns.length; c++) {
                        sql.setArray(c + 1, connection.createArrayOf("text", columns[c]));
                    }
                    try (ResultSet rs = sql.executeQuery()) {
                        if (LOG.isDebugEnabled() && rs.next()) {
                            LOG.debugf("recorded %d outcome(s) of texts: %d text row(s), %d conversation status(es)",
                                    n, rs.getLong(1), rs.getLong(2));
                        }
                    }
                }
            });
        }
    }

    /** One outcome, flattened to the columns both tables take. */
    private record Outcome(String commandId, String messageSid, Status status, Instant at, String channel,
            Integer errorCode, String errorMessage, Boolean undelivered, String reason, String detail,
            String conversationDetail) {

        static Outcome of(SmsEvent event) {
            if (event instanceof MessageAccepted a) {
                return new Outcome(a.commandId(), a.messageSid(), Status.ACCEPTED, a.acceptedAt(),
                        a.channel() == null ? null : a.channel().name(), null, null, null, null, null, null);
            } else if (event instanceof MessageSent s) {
                return new Outcome(s.commandId(), s.messageSid(), Status.SENT, s.at(), null, null, null, null, null,
                        null, null);
            } else if (event instanceof MessageDelivered d) {
                return new Outcome(d.commandId(), d.messageSid(), Status.DELIVERED, d.at(), null, null, null, null,
                        null, null, null);
            } else if (event instanceof MessageFailed f) {
                return new Outcome(f.commandId(), f.messageSid(), f.undelivered() ? Status.UNDELIVERED : Status.FAILED,
                        f.at(), null, f.errorCode(), f.errorMessage(), f.undelivered(), null, null, f.errorMessage());
            } else if (event instanceof MessageRejected r) {
                return new Outcome(r.commandId(), null, Status.REJECTED, r.at(), null, null, null, null,
                        r.reason().name(), r.detail(),
                        r.reason().name() + (r.detail() == null ? "" : ": " + r.detail()));
            }
            return null;
        }
    }
}

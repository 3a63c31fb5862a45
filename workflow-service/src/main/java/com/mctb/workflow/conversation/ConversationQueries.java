package com.mctb.workflow.conversation;

import com.mctb.workflow.conversation.ConversationViews.Entry;
import com.mctb.workflow.conversation.ConversationViews.Summary;
import com.mctb.workflow.domain.conversation.TeamReply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/** The read side of the conversations: the account's list, one contact's thread, marking it read. */
@ApplicationScoped
public class ConversationQueries {

    /** What the contact did that the team has to read. */
    private static final String UNREAD_KINDS = "('TEXT_IN', 'VOICEMAIL', 'CALL_MISSED')";
    private static final String ENTRY_COLUMNS = "e.id, e.kind, e.at, e.channel, e.body, e.our_number, e.command_id, "
            + "e.status, e.status_at, e.error_code, e.status_detail, e.sender, e.workflow_id, w.name, "
            + "e.workflow_version, e.step_id, e.user_id, e.call_sid, e.dial_status, e.recording_sid, "
            + "e.duration_seconds, e.transcription, e.transcription_failed";
    private static final String LIST = "with last as (select distinct on (contact_id) * from conversation_entry "
            + "where account_id = ? order by contact_id, at desc, id desc), "
            + "listed as (select e.*, c.phone, c.first_name, c.last_name, c.opted_out, "
            + "(select count(*) from conversation_entry u where u.account_id = e.account_id and u.contact_id = "
            + "e.contact_id and u.kind in " + UNREAD_KINDS + " and u.id > coalesce(r.read_up_to, 0)) as unread "
            + "from last e join contact c on c.id = e.contact_id "
            + "left join conversation_read r on r.account_id = e.account_id and r.contact_id = e.contact_id) "
            + "select e.contact_id, e.phone, e.first_name, e.last_name, e.opted_out, e.unread, " + ENTRY_COLUMNS
            + " from listed e left join workflow w on w.id::text = e.workflow_id "
            + "where (? = false or e.unread > 0) order by e.at desc, e.id desc limit ? offset ?";

    @Inject
    EntityManager em;

    @Transactional
    public ConversationViews.Page list(String accountId, boolean unreadOnly, int offset, int limit) {
        List<Summary> summaries = new ArrayList<>();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement sql = connection.prepareStatement(LIST)) {
                ConversationLog.bind(sql, accountId, unreadOnly, limit + 1, offset);
                try (ResultSet rs = sql.executeQuery()) {
                    while (rs.next()) {
                        Entry last = entry(rs, accountId, 7);
                        summaries.add(new Summary(rs.getObject(1, UUID.class), rs.getString(2),
                                name(rs.getString(3), rs.getString(4)), rs.getBoolean(5), rs.getLong(6), last.at(),
                                last));
                    }
                }
            }
        });
        boolean more = summaries.size() > limit;
        return new ConversationViews.Page(more ? summaries.subList(0, limit) : summaries, offset, limit,
                more ? offset + limit : null);
    }

    /** The contact's thread, or empty when the account has no such contact. */
    @Transactional
    public Optional<ConversationViews.Thread> thread(String accountId, UUID contactId) {
        Object[] contact = contact(accountId, contactId);
        if (contact == null) {
            return Optional.empty();
        }
        List<Entry> entries = new ArrayList<>();
        long[] readUpTo = {0};
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement sql = connection.prepareStatement("select " + ENTRY_COLUMNS
                    + " from conversation_entry e left join workflow w on w.id::text = e.workflow_id "
                    + "where e.account_id = ? and e.contact_id = ? order by e.at, e.id")) {
                ConversationLog.bind(sql, accountId, contactId);
                try (ResultSet rs = sql.executeQuery()) {
                    while (rs.next()) {
                        entries.add(entry(rs, accountId, 1));
                    }
                }
            }
            try (PreparedStatement sql = connection.prepareStatement("select read_up_to from conversation_read "
                    + "where account_id = ? and contact_id = ?")) {
                ConversationLog.bind(sql, accountId, contactId);
                try (ResultSet rs = sql.executeQuery()) {
                    readUpTo[0] = rs.next() ? rs.getLong(1) : 0;
                }
            }
        });
        long unread = entries.stream().filter(e -> e.id() > readUpTo[0])
                .filter(e -> List.of("TEXT_IN", "VOICEMAIL", "CALL_MISSED").contains(e.kind())).count();
        Instant window = entries.stream().filter(e -> e.kind().equals("TEXT_IN") && "WHATSAPP".equals(e.channel()))
                .map(Entry::at).max(Instant::compareTo).map(at -> at.plus(TeamReply.WHATSAPP_WINDOW)).orElse(null);
        return Optional.of(new ConversationViews.Thread(contactId, (String) contact[0],
                name((String) contact[1], (String) contact[2]), (Boolean) contact[3], unread, window, entries));
    }

    /** Marks the conversation read up to its latest entry; false when the account has no such contact. */
    @Transactional
    public boolean markRead(String accountId, UUID contactId) {
        if (contact(accountId, contactId) == null) {
            return false;
        }
        em.createNativeQuery("insert into conversation_read (account_id, contact_id, read_up_to, read_at) "
                        + "select ?1, ?2, coalesce(max(id), 0), now() from conversation_entry "
                        + "where account_id = ?1 and contact_id = ?2 "
                        + "on conflict (account_id, contact_id) do update set read_up_to = "
                        + "greatest(conversation_read.read_up_to, excluded.read_up_to), read_at = excluded.read_at")
                .setParameter(1, accountId).setParameter(2, contactId).executeUpdate();
        return true;
    }

    /** The text out with this command id, as its conversation shows it. */
    @Transactional
    public Optional<Entry> textOut(String accountId, String commandId) {
        List<Entry> found = new ArrayList<>();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement sql = connection.prepareStatement("select " + ENTRY_COLUMNS
                    + " from conversation_entry e left join workflow w on w.id::text = e.workflow_id "
                    + "where e.account_id = ? and e.command_id = ?")) {
                ConversationLog.bind(sql, accountId, commandId);
                try (ResultSet rs = sql.executeQuery()) {
                    if (rs.next()) {
                        found.add(entry(rs, accountId, 1));
                    }
                }
            }
        });
        return found.stream().findFirst();
    }

    private Object[] contact(String accountId, UUID contactId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select phone, first_name, last_name, opted_out from contact "
                + "where account_id = ?1 and id = ?2").setParameter(1, accountId).setParameter(2, contactId)
                .getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static Entry entry(ResultSet rs, String accountId, int first) throws SQLException {
        int i = first;
        long id = rs.getLong(i++);
        String kind = rs.getString(i++);
        Instant at = instant(rs, i++);
        String channel = rs.getString(i++);
        String body = rs.getString(i++);
        String ourNumber = rs.getString(i++);
        String commandId = rs.getString(i++);
        String status = rs.getString(i++);
        Instant statusAt = instant(rs, i++);
        Integer errorCode = (Integer) rs.getObject(i++);
        String statusDetail = rs.getString(i++);
        String sender = rs.getString(i++);
        String workflowId = rs.getString(i++);
        String workflowName = rs.getString(i++);
        Integer workflowVersion = (Integer) rs.getObject(i++);
        String stepId = rs.getString(i++);
        String userId = rs.getString(i++);
        String callSid = rs.getString(i++);
        String dialStatus = rs.getString(i++);
        String recordingSid = rs.getString(i++);
        Integer duration = (Integer) rs.getObject(i++);
        String transcription = rs.getString(i++);
        Boolean transcriptionFailed = (Boolean) rs.getObject(i);
        String direction = switch (kind) {
            case "TEXT_IN", "VOICEMAIL", "OPTED_OUT", "OPTED_IN" -> "in";
            case "TEXT_OUT" -> "out";
            default -> null;
        };
        ConversationViews.SentBy sentBy = sender == null ? null
                : new ConversationViews.SentBy(sender.toLowerCase(java.util.Locale.ROOT), workflowId, workflowName,
                        workflowVersion, stepId, userId);
        ConversationViews.Voicemail voicemail = recordingSid == null ? null
                : new ConversationViews.Voicemail(recordingSid, duration, transcription,
                        transcriptionFailed == null ? "pending" : transcriptionFailed ? "failed" : "completed",
                        "/api/accounts/" + accountId + "/voicemails/" + recordingSid + "/audio");
        return new Entry(id, kind, at, direction, channel, body, ourNumber, commandId, status, statusAt, errorCode,
                statusDetail, sentBy, callSid, dialStatus, voicemail);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static String name(String first, String last) {
        String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        return name.isEmpty() ? null : name;
    }
}

package com.mctb.gateway.recordings;

import com.mctb.gateway.calls.CallLegs;
import com.mctb.gateway.calls.CallOutcomes;
import com.mctb.gateway.twilio.RecordingMedia;
import com.mctb.kit.kafka.Failures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The recordings of answered calls ({@code call_recording}), once per RecordingSid: whose each is (the account, the
 * contact who called), who answered it (from the call's answered leg in {@code call_leg}: the number the caller was
 * connected to and its team member, see {@link com.mctb.gateway.calls.WhoAnswered}) and which Twilio account holds
 * the media.
 */
@ApplicationScoped
public class CallRecordings {

    private static final Logger LOG = Logger.getLogger(CallRecordings.class);

    @Inject
    EntityManager em;

    @Inject
    CallLegs legs;

    @Inject
    CallOutcomes outcomes;

    @Inject
    RecordingMedia media;

    /** A recording as kept. */
    public record CallRecording(String recordingSid, String callSid, String accountId, String contact,
            String ourNumber, String twilioAccountSid, Instant startedAt, Integer durationSeconds,
            String answeredByNumber, String answeredByUserId) {
    }

    /** What Twilio's recording-status callback said. */
    public record Completed(String callSid, String recordingSid, String mediaUrl, Integer durationSeconds,
            String startTime, String twilioAccountSid) {
    }

    /** What became of a completed recording. */
    public enum Kept {
        KEPT,
        /** Kept before: Twilio retried its callback. */
        DUPLICATE,
        /** Its call was decided as missed (a screened leg's voicemail picked up): not a conversation, not kept. */
        NOT_ANSWERED,
        /** No decision on its call is known (yet: the answered decision may still be on its way): Twilio retries. */
        UNKNOWN_CALL
    }

    /** Keeps a completed recording of an answered call, once per RecordingSid. */
    @Transactional
    public Kept completed(Completed r) {
        Optional<CallLegs.Leg> answered = legs.answered(r.callSid());
        Optional<CallOutcomes.DecidedCall> decided = outcomes.find(r.callSid());
        String accountId;
        String contact;
        String ours;
        if (answered.isPresent()) {
            accountId = answered.get().accountId();
            contact = answered.get().from();
            ours = answered.get().to();
        } else if (decided.isPresent() && !decided.get().missed()) {
            accountId = decided.get().accountId();
            contact = decided.get().from();
            ours = decided.get().to();
        } else if (decided.isPresent()) {
            LOG.warnf("recording %s of call %s, which no person answered: not kept", r.recordingSid(), r.callSid());
            return Kept.NOT_ANSWERED;
        } else {
            LOG.warnf("recording %s of call %s, which the gateway has no decision on (yet)", r.recordingSid(),
                    r.callSid());
            return Kept.UNKNOWN_CALL;
        }
        String byNumber = answered.map(l -> l.answeredNumber() != null ? l.answeredNumber()
                : l.rang().size() == 1 ? l.rang().get(0) : null).orElse(null);
        String byUser = answered.map(l -> l.answeredUserId() != null ? l.answeredUserId() : l.userId()).orElse(null);
        Instant started = startedAt(r.startTime(), r.durationSeconds());
        int inserted = em.createNativeQuery("insert into call_recording (recording_sid, call_sid, account_id, "
                        + "contact_number, our_number, twilio_account_sid, started_at, duration_seconds, "
                        + "answered_by_number, answered_by_user_id, media_url) "
                        + "values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) on conflict do nothing")
                .setParameter(1, r.recordingSid()).setParameter(2, r.callSid()).setParameter(3, accountId)
                .setParameter(4, contact == null ? "" : contact).setParameter(5, ours)
                .setParameter(6, r.twilioAccountSid()).setParameter(7, Timestamp.from(started))
                .setParameter(8, r.durationSeconds()).setParameter(9, byNumber).setParameter(10, byUser)
                .setParameter(11, r.mediaUrl())
                .executeUpdate();
        if (inserted > 0) {
            LOG.infof("call %s: recording %s (%s s)", r.callSid(), r.recordingSid(), r.durationSeconds());
        }
        return inserted > 0 ? Kept.KEPT : Kept.DUPLICATE;
    }

    /**
     * A recording that is not kept (no person answered: a target's voicemail picked up a screened leg) is deleted at
     * Twilio at once, so that nothing recorded stays there unlisted and past every retention. Twilio does not call
     * again; a deletion that fails is logged with the RecordingSid, for a person to delete.
     */
    public void discard(String twilioAccountSid, String recordingSid) {
        try {
            RecordingMedia.Deleted deleted = media.delete(twilioAccountSid, recordingSid);
            if (deleted == RecordingMedia.Deleted.REFUSED) {
                LOG.warnf("recording %s (Twilio account %s), not kept: Twilio refused to delete it; delete it by hand",
                        recordingSid, twilioAccountSid);
            }
        } catch (RuntimeException e) {
            LOG.warnf("recording %s (Twilio account %s), not kept: not deleted at Twilio (%s); delete it by hand",
                    recordingSid, twilioAccountSid, Failures.describe(e));
        }
    }

    /** The account's recordings of calls from {@code contact}, newest first. */
    public List<CallRecording> ofContact(String accountId, String contact) {
        return select("where r.account_id = ?1 and contact_number = ?2 order by started_at desc, recording_sid",
                accountId, contact);
    }

    public Optional<CallRecording> find(String recordingSid) {
        return select("where recording_sid = ?1", recordingSid).stream().findFirst();
    }

    /**
     * Recordings started before {@code before}, oldest first, at most {@code limit}, after the one {@code after}
     * (a page's last; null: from the first), so a sweep can go through them all page by page.
     */
    public List<CallRecording> startedBefore(Instant before, CallRecording after, int limit) {
        if (after == null) {
            return select("where started_at < ?1 order by started_at, recording_sid limit " + limit,
                    Timestamp.from(before));
        }
        return select("where started_at < ?1 and (started_at, recording_sid) > (?2, ?3) "
                + "order by started_at, recording_sid limit " + limit,
                Timestamp.from(before), Timestamp.from(after.startedAt()), after.recordingSid());
    }

    @Transactional
    public void forget(String recordingSid) {
        em.createNativeQuery("delete from call_recording where recording_sid = ?1").setParameter(1, recordingSid)
                .executeUpdate();
    }

    private List<CallRecording> select(String where, Object... parameters) {
        // Who answered is kept with the recording; when it was not known yet as the recording arrived (the answered
        // leg's row written later by a slow database, or who answered a leg that rang several numbers learnt from
        // Twilio after), it is read from call_leg. A leg kept before answered_number: its only number, if one.
        var query = em.createNativeQuery("select recording_sid, r.call_sid, r.account_id, contact_number, our_number, "
                + "twilio_account_sid, started_at, duration_seconds, "
                + "coalesce(answered_by_number, l.answered_number, "
                + "case when l.rang_numbers not like '%,%' then l.rang_numbers end), "
                + "coalesce(answered_by_user_id, l.answered_user_id, l.user_id) "
                + "from call_recording r left join call_leg l on l.call_sid = r.call_sid and l.outcome = 'ANSWERED' "
                + where);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new CallRecording((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                (String) r[4], (String) r[5], instant(r[6]), r[7] == null ? null : ((Number) r[7]).intValue(),
                (String) r[8], (String) r[9])).toList();
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return Instant.parse(String.valueOf(value));
    }

    /** Twilio's RecordingStartTime (RFC 1123); without one, the recording's end less its duration. */
    static Instant startedAt(String startTime, Integer durationSeconds) {
        if (startTime != null && !startTime.isBlank()) {
            try {
                return ZonedDateTime.parse(startTime.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                // fall through
            }
        }
        return Instant.now().minusSeconds(durationSeconds == null ? 0 : durationSeconds);
    }
}

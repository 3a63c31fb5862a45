package com.mctb.gateway.calls;

import com.mctb.contracts.Keys;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.VoicemailRecorded;
import com.mctb.contracts.event.VoicemailTranscribed;
import com.mctb.kit.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Publishes a caller's voicemail once per RecordingSid, for a call the gateway reported as missed, and later its
 * transcription once; remembers whose each recording is and which Twilio account holds it (to serve its audio).
 */
@ApplicationScoped
public class VoicemailReporter {

    private static final Logger LOG = Logger.getLogger(VoicemailReporter.class);

    @Inject
    EntityManager em;

    @Inject
    CallOutcomes outcomes;

    @Inject
    Outbox outbox;

    /** A voicemail the gateway reported: whose it is and which Twilio account holds the recording. */
    public record Voicemail(String recordingSid, String callSid, String accountId, String twilioAccountSid,
            String from, Integer durationSeconds) {
    }

    /**
     * Returns false when the recording was reported before or belongs to no call the gateway decided on.
     *
     * @param twilioAccountSid the Twilio account (or subaccount) that holds the recording, from the callback
     */
    @Transactional
    public boolean recorded(String callSid, String recordingSid, String recordingUrl, Integer durationSeconds,
            String twilioAccountSid) {
        var call = outcomes.find(callSid);
        if (call.isEmpty()) {
            LOG.warnf("recording %s for call %s, which the gateway never decided on: ignored", recordingSid, callSid);
            return false;
        }
        CallOutcomes.DecidedCall c = call.get();
        int inserted = em.createNativeQuery("insert into reported_voicemail (recording_sid, call_sid, account_id, "
                        + "twilio_account_sid, from_number, duration_seconds) values (?1, ?2, ?3, ?4, ?5, ?6) "
                        + "on conflict do nothing")
                .setParameter(1, recordingSid).setParameter(2, callSid).setParameter(3, c.accountId())
                .setParameter(4, twilioAccountSid).setParameter(5, c.from()).setParameter(6, durationSeconds)
                .executeUpdate();
        if (inserted == 0) {
            return false;
        }
        outbox.publish(Topics.CALLS_VOICEMAIL, Keys.accountAndPhone(c.accountId(), c.from()), new VoicemailRecorded(
                callSid, c.accountId(), c.from(), c.to(), recordingSid, recordingUrl, durationSeconds, Instant.now()));
        LOG.infof("call %s: voicemail %s (%s s)", callSid, recordingSid, durationSeconds);
        return true;
    }

    /**
     * Twilio's transcription of a reported voicemail: VoicemailTranscribed, once. Returns false for a recording the
     * gateway never reported (logged; nothing else changes) and for a transcription reported before.
     */
    @Transactional
    public boolean transcribed(String recordingSid, boolean failed, String text) {
        Optional<Voicemail> voicemail = find(recordingSid);
        if (voicemail.isEmpty() || voicemail.get().accountId() == null) {
            LOG.warnf("transcription for recording %s, which the gateway never reported: ignored", recordingSid);
            return false;
        }
        int inserted = em.createNativeQuery("insert into transcribed_voicemail (recording_sid, failed) values (?1, ?2) "
                + "on conflict do nothing").setParameter(1, recordingSid).setParameter(2, failed).executeUpdate();
        if (inserted == 0) {
            return false;
        }
        Voicemail v = voicemail.get();
        outbox.publish(Topics.CALLS_VOICEMAIL, Keys.accountAndPhone(v.accountId(), v.from()), new VoicemailTranscribed(
                v.callSid(), v.accountId(), v.from(), recordingSid, failed, failed ? null : text, Instant.now()));
        LOG.infof("call %s: voicemail %s transcription %s", v.callSid(), recordingSid, failed ? "failed" : "received");
        return true;
    }

    /** A reported voicemail by its RecordingSid. */
    public Optional<Voicemail> find(String recordingSid) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select call_sid, account_id, twilio_account_sid, from_number, "
                + "duration_seconds from reported_voicemail where recording_sid = ?1")
                .setParameter(1, recordingSid).getResultList();
        return rows.stream().findFirst().map(r -> new Voicemail(recordingSid, (String) r[0], (String) r[1],
                (String) r[2], (String) r[3], r[4] == null ? null : ((Number) r[4]).intValue()));
    }
}

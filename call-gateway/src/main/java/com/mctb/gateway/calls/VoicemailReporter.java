package com.mctb.gateway.calls;

import com.mctb.contracts.Keys;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.VoicemailRecorded;
import com.mctb.kit.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Publishes a caller's voicemail once per RecordingSid, for a call the gateway reported as missed. */
@ApplicationScoped
public class VoicemailReporter {

    private static final Logger LOG = Logger.getLogger(VoicemailReporter.class);

    @Inject
    EntityManager em;

    @Inject
    CallOutcomes outcomes;

    @Inject
    Outbox outbox;

    /** Returns false when the recording was reported before or belongs to no call the gateway decided on. */
    @Transactional
    public boolean recorded(String callSid, String recordingSid, String recordingUrl, Integer durationSeconds) {
        var call = outcomes.find(callSid);
        if (call.isEmpty()) {
            LOG.warnf("recording %s for call %s, which the gateway never decided on: ignored", recordingSid, callSid);
            return false;
        }
        int inserted = em.createNativeQuery(
                "insert into reported_voicemail (recording_sid, call_sid) values (?1, ?2) on conflict do nothing")
                .setParameter(1, recordingSid).setParameter(2, callSid).executeUpdate();
        if (inserted == 0) {
            return false;
        }
        CallOutcomes.DecidedCall c = call.get();
        outbox.publish(Topics.CALLS_VOICEMAIL, Keys.accountAndPhone(c.accountId(), c.from()), new VoicemailRecorded(
                callSid, c.accountId(), c.from(), c.to(), recordingSid, recordingUrl, durationSeconds, Instant.now()));
        LOG.infof("call %s: voicemail %s (%s s)", callSid, recordingSid, durationSeconds);
        return true;
    }
}

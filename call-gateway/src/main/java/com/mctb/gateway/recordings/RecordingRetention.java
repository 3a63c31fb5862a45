package com.mctb.gateway.recordings;

import com.mctb.contracts.event.CallSettingsChanged;
import com.mctb.gateway.config.RecordingConfig;
import com.mctb.gateway.settings.CallSettingsCache;
import com.mctb.gateway.twilio.RecordingMedia;
import com.mctb.kit.kafka.Failures;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Deletes recordings older than their account's retention ({@code recording.retentionDays} of the number's settings,
 * else of the account's, else {@code mctb.gateway.recordings.retention-default-days}): first at Twilio (with the
 * credentials of the Twilio account that holds it), then here. One Twilio refuses is kept and tried again on the next
 * run; one Twilio no longer has is forgotten here too. Runs every {@code mctb.gateway.recordings.retention-every}.
 */
@ApplicationScoped
public class RecordingRetention {

    private static final Logger LOG = Logger.getLogger(RecordingRetention.class);
    private static final int BATCH = 500;

    @Inject
    CallRecordings recordings;

    @Inject
    RecordingMedia media;

    @Inject
    CallSettingsCache settings;

    @Inject
    RecordingConfig config;

    @Scheduled(every = "${mctb.gateway.recordings.retention-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "recording-retention")
    void scheduled() {
        try {
            sweep(Instant.now());
        } catch (RuntimeException e) {
            LOG.warnf("recording retention: %s; tried again on the next run", Failures.describe(e));
        }
    }

    /**
     * Deletes what is past its retention at {@code now}; returns how many recordings were deleted. Goes through every
     * recording older than a day, page by page: each account (each number) has its own retention, so the oldest
     * recordings may well be ones still kept, and a newer one of an account keeping less may be due.
     */
    public int sweep(Instant now) {
        int deleted = 0;
        CallRecordings.CallRecording last = null;
        List<CallRecordings.CallRecording> page;
        do {
            // Nothing is kept less than a day; past that, each recording's own retention decides.
            page = recordings.startedBefore(now.minus(Duration.ofDays(1)), last, BATCH);
            for (CallRecordings.CallRecording r : page) {
                last = r;
                int days = retentionDays(r);
                if (days <= 0 || !r.startedAt().isBefore(now.minus(Duration.ofDays(days)))) {
                    continue;
                }
                RecordingMedia.Deleted atTwilio = media.delete(r.twilioAccountSid(), r.recordingSid());
                if (atTwilio == RecordingMedia.Deleted.REFUSED) {
                    continue;
                }
                recordings.forget(r.recordingSid());
                deleted++;
                LOG.infof("recording %s of account %s: past its %d days, deleted (Twilio: %s)", r.recordingSid(),
                        r.accountId(), days, atTwilio);
            }
        } while (page.size() == BATCH);
        return deleted;
    }

    private int retentionDays(CallSettingsChanged s) {
        return s.recording() == null || s.recording().retentionDays() <= 0 ? config.retentionDefaultDays()
                : s.recording().retentionDays();
    }

    private int retentionDays(CallRecordings.CallRecording r) {
        return settings.forNumber(r.ourNumber()).filter(s -> s.accountId().equals(r.accountId()))
                .or(() -> settings.forAccount(r.accountId()))
                .map(this::retentionDays)
                .orElseGet(config::retentionDefaultDays);
    }
}

package com.mctb.settings.service;

import com.mctb.contracts.phone.PhoneNumbers;
import com.mctb.settings.config.SettingsConfig;
import com.mctb.settings.domain.twilio.NumberOrigin;
import com.mctb.settings.domain.twilio.PendingNumbers;
import com.mctb.settings.persistence.PendingNumber;
import com.mctb.settings.twilio.TwilioApi;
import com.mctb.settings.twilio.TwilioRefusedException;
import com.mctb.settings.twilio.TwilioUnavailableException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Settles what a crash or a lost answer left pending (at start, then every {@code mctb.settings.twilio.reconcile-every}),
 * by asking Twilio whether the row's Twilio account holds the number ({@link PendingNumbers#settle}): an add Twilio
 * took is finished (configured, recorded), one it did not is forgotten; a release Twilio did not do is done. A row
 * younger than {@code pending-grace} is left to the request that wrote it. Twilio unreachable: the row waits.
 */
@ApplicationScoped
public class PendingNumberReconciler {

    private static final Logger LOG = Logger.getLogger(PendingNumberReconciler.class);

    /** What one run did. */
    public record Run(int finished, int forgotten, int released, int waiting) {
    }

    @Inject
    NumberProvisioning provisioning;

    @Inject
    TwilioApi twilio;

    @Inject
    SettingsConfig config;

    @Scheduled(identity = "pending-numbers", every = "{mctb.settings.twilio.reconcile-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Run run = reconcile(Instant.now().minus(config.twilio().pendingGrace()));
        if (run.finished() + run.forgotten() + run.released() + run.waiting() > 0) {
            LOG.infof("pending numbers settled: finished=%d forgotten=%d released=%d waiting=%d", run.finished(),
                    run.forgotten(), run.released(), run.waiting());
        }
    }

    /** Settles every pending row written at or before {@code cutoff}. */
    public Run reconcile(Instant cutoff) {
        int finished = 0;
        int forgotten = 0;
        int released = 0;
        int waiting = 0;
        List<PendingNumber> rows = QuarkusTransaction.requiringNew().call(() -> PendingNumber.olderThan(cutoff));
        for (PendingNumber row : rows) {
            try {
                Optional<TwilioApi.Held> held = twilio.held(row.twilioAccountSid, row.number);
                switch (PendingNumbers.settle(row.operation, held.isPresent())) {
                    case FINISH_ADD -> {
                        TwilioApi.Held configured = configured(row, held.get());
                        // No origin recorded: the crash came before anything was asked of Twilio, so it held it already.
                        provisioning.finish(row.number, configured, row.origin == null ? NumberOrigin.IMPORTED : row.origin);
                        finished++;
                    }
                    case FORGET -> {
                        NumberProvisioning.forget(row.number);
                        forgotten++;
                    }
                    case FINISH_RELEASE -> {
                        twilio.release(row.twilioAccountSid, held.get().sid(), row.number);
                        NumberProvisioning.forget(row.number);
                        released++;
                    }
                }
            } catch (TwilioUnavailableException | TwilioRefusedException e) {
                waiting++;
                LOG.warnf("pending number %s waits: %s", PhoneNumbers.mask(row.number), e.getMessage());
            }
        }
        return new Run(finished, forgotten, released, waiting);
    }

    private TwilioApi.Held configured(PendingNumber row, TwilioApi.Held held) {
        try {
            return twilio.configure(row.twilioAccountSid, held.sid(), row.number, provisioning.expected());
        } catch (TwilioRefusedException e) {
            return held; // recorded with the configuration Twilio has, so the drift shows
        }
    }
}

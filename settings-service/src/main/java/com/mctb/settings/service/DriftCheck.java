package com.mctb.settings.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Every {@code mctb.settings.twilio.drift-check-every}, compares each number's configuration at Twilio with what the
 * product set, and records it: the API then reports DRIFTED with what differs (someone edited it in Twilio's console).
 * A single number's GET checks it at once.
 */
@ApplicationScoped
public class DriftCheck {

    private static final Logger LOG = Logger.getLogger(DriftCheck.class);

    @Inject
    NumberProvisioning provisioning;

    @Scheduled(identity = "twilio-drift-check", every = "{mctb.settings.twilio.drift-check-every}",
            delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int drifted = provisioning.checkAll();
        if (drifted > 0) {
            LOG.warnf("numbers whose Twilio configuration drifted: %d", drifted);
        }
    }
}

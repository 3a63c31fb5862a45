package com.mctb.settings.rest;

import com.mctb.settings.domain.twilio.Drift;
import com.mctb.settings.persistence.PhoneNumber;
import com.mctb.settings.service.NumberProvisioning;
import java.time.Instant;
import java.util.List;

/**
 * One of the account's numbers.
 *
 * @param twilio where Twilio holds it and how its configuration there stands; null for a number added before numbers
 *               came from Twilio
 */
public record NumberResponse(String number, boolean isDefault, String assignedUserId, Twilio twilio) {

    /**
     * @param configuration CONFIGURED, DRIFTED (the drift says what differs), PENDING or FAILED
     * @param checkedAt     when the configuration was last applied or compared
     */
    public record Twilio(String phoneNumberSid, String accountSid, String origin, String configuration,
            List<Drift> drift, Instant checkedAt) {
    }

    static NumberResponse of(PhoneNumber n) {
        Twilio twilio = n.phoneNumberSid == null ? null : new Twilio(n.phoneNumberSid, n.twilioAccountSid,
                n.origin == null ? null : n.origin.name(), n.configuration == null ? null : n.configuration.name(),
                NumberProvisioning.driftOf(n), n.checkedAt);
        return new NumberResponse(n.number, n.isDefault, n.assignedUserId, twilio);
    }
}

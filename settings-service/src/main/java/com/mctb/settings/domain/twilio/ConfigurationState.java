package com.mctb.settings.domain.twilio;

import java.util.List;

/** Where a number's configuration at Twilio stands, as last seen. */
public enum ConfigurationState {
    /** As the product set it. */
    CONFIGURED,
    /** Someone changed it at Twilio (the drift says what), or Twilio no longer holds it in that account. */
    DRIFTED,
    /** Not confirmed yet (a configuration is being applied, or the last attempt's outcome is unknown). */
    PENDING,
    /** Twilio refused the configuration, or could not be reached when it was applied. */
    FAILED;

    /** The state after comparing: configured when nothing drifted. */
    public static ConfigurationState of(List<Drift> drift) {
        return drift.isEmpty() ? CONFIGURED : DRIFTED;
    }
}

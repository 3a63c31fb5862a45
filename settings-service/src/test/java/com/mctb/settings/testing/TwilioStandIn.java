package com.mctb.settings.testing;

import com.mctb.twilio.standin.TwilioApiStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Twilio's REST API, stood in for by twilio-standin started strict with the platform's credentials: settings-service
 * reaches it through the real Twilio SDK and must authenticate as Twilio wants (the platform's token, on its
 * subaccounts' paths too). Every test class of this module uses it, so they share one application boot.
 */
public class TwilioStandIn implements QuarkusTestResourceLifecycleManager {

    public static final String PLATFORM_SID = "AC" + "0".repeat(31) + "7";
    public static final String PLATFORM_TOKEN = "settings-test-platform-token";

    private static TwilioApiStandIn standIn;

    public static synchronized TwilioApiStandIn twilio() {
        if (standIn == null) {
            throw new IllegalStateException("the Twilio stand-in is not started");
        }
        return standIn;
    }

    @Override
    public synchronized Map<String, String> start() {
        if (standIn == null) {
            standIn = TwilioApiStandIn.start(0, PLATFORM_SID, PLATFORM_TOKEN);
        }
        return Map.of(
                "mctb.settings.twilio.api-base-url", standIn.baseUrl(),
                "mctb.settings.twilio.account-sid", PLATFORM_SID,
                "mctb.settings.twilio.auth-token", PLATFORM_TOKEN);
    }

    @Override
    public synchronized void stop() {
        if (standIn != null) {
            standIn.close();
            standIn = null;
        }
    }
}

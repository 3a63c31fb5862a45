package com.mctb.testkit;

import com.mctb.twilio.standin.TwilioApiStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Twilio's REST API (Messages, Recordings), stood in for by a local WireMock server: the service under test talks to
 * it through the real Twilio SDK. Tests reach it through {@link #standIn()}.
 */
public class TwilioStandInResource implements QuarkusTestResourceLifecycleManager {

    public static final String ACCOUNT_SID = "AC" + "0".repeat(31) + "1";
    public static final String AUTH_TOKEN = "test-auth-token";

    private static TwilioApiStandIn standIn;

    public static synchronized TwilioApiStandIn standIn() {
        if (standIn == null) {
            throw new IllegalStateException("the Twilio stand-in is not started");
        }
        return standIn;
    }

    @Override
    public synchronized Map<String, String> start() {
        if (standIn == null) {
            standIn = TwilioApiStandIn.start(0);
        }
        return Map.of(
                "mctb.messaging.twilio.api-base-url", standIn.baseUrl(),
                "mctb.messaging.twilio.account-sid", ACCOUNT_SID,
                "mctb.messaging.twilio.auth-token", AUTH_TOKEN,
                "mctb.gateway.twilio-api-base-url", standIn.baseUrl(),
                "mctb.twilio.auth-token", AUTH_TOKEN);
    }

    @Override
    public synchronized void stop() {
        if (standIn != null) {
            standIn.close();
            standIn = null;
        }
    }
}

package com.mctb.settings.twilio;

import com.mctb.settings.config.SettingsConfig;
import com.mctb.kit.twilio.TwilioApiHttpClient;
import com.twilio.http.TwilioRestClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The Twilio SDK's REST client with the platform's credentials and API base URL. Made on first use, so the service
 * starts (and answers everything but its Twilio calls) without them.
 */
@ApplicationScoped
public class TwilioClientProducer {

    @Produces
    @ApplicationScoped
    TwilioRestClient twilioRestClient(SettingsConfig config) {
        SettingsConfig.Twilio twilio = config.twilio();
        String token = twilio.authToken().filter(t -> !t.isBlank()).orElse(null);
        if (token == null) {
            // Calls fail with 401 and are answered 503 naming the missing setting (see TwilioNumbersApi).
            token = "";
        }
        return new TwilioRestClient.Builder(twilio.accountSid(), token)
                .httpClient(TwilioApiHttpClient.oneAttempt(twilio.apiBaseUrl(), 8, twilio.connectTimeout(), twilio.readTimeout()))
                .build();
    }
}

package com.mctb.messaging.twilio;

import com.mctb.messaging.config.TwilioApiConfig;
import com.twilio.http.TwilioRestClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The Twilio SDK's REST client, for the configured account and API base URL. */
@ApplicationScoped
public class TwilioClientProducer {

    @Produces
    @ApplicationScoped
    TwilioRestClient twilioRestClient(TwilioApiConfig config) {
        String token = config.authToken().filter(t -> !t.isBlank())
                .orElseThrow(() -> new IllegalStateException("mctb.messaging.twilio.auth-token (TWILIO_AUTH_TOKEN) is not set"));
        TwilioRestClient.Builder builder = new TwilioRestClient.Builder(config.accountSid(), token);
        if (!config.apiBaseUrl().startsWith("https://api.twilio.com")) {
            builder.httpClient(new ApiBaseUrlHttpClient(config.apiBaseUrl()));
        }
        return builder.build();
    }
}

package com.mctb.messaging.twilio;

import com.mctb.messaging.config.MessagingConfig;
import com.mctb.kit.twilio.TwilioApiHttpClient;
import com.twilio.http.TwilioRestClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The Twilio SDK's REST client, for the configured account and API base URL. */
@ApplicationScoped
public class TwilioClientProducer {

    @Produces
    @ApplicationScoped
    TwilioRestClient twilioRestClient(MessagingConfig config) {
        MessagingConfig.Twilio twilio = config.twilio();
        String token = twilio.authToken().filter(t -> !t.isBlank())
                .orElseThrow(() -> new IllegalStateException("mctb.messaging.twilio.auth-token (TWILIO_AUTH_TOKEN) is not set"));
        return new TwilioRestClient.Builder(twilio.accountSid(), token)
                .httpClient(TwilioApiHttpClient.oneAttempt(twilio.apiBaseUrl(), config.sending().senders() + 4,
                        twilio.connectTimeout(), twilio.readTimeout()))
                .build();
    }
}

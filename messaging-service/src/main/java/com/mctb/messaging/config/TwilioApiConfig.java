package com.mctb.messaging.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The Twilio account texts are sent through. */
@ConfigMapping(prefix = "mctb.messaging.twilio")
public interface TwilioApiConfig {

    /** Where the Messages API is: https://api.twilio.com, or a stand-in that speaks its wire format. */
    @WithDefault("https://api.twilio.com")
    String apiBaseUrl();

    /** The Twilio Account SID (AC...). */
    String accountSid();

    /** The account's auth token. */
    Optional<String> authToken();
}

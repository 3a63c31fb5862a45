package com.mctb.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the gateway answers calls. */
@ConfigMapping(prefix = "mctb.gateway")
public interface GatewayConfig {

    /** Seconds a forwarded call rings when the account has not set a timeout. */
    @WithDefault("20")
    int defaultTimeoutSeconds();

    /** Region for caller numbers Twilio sends without a country code. */
    @WithDefault("US")
    String defaultRegion();

    /** Longest voicemail recorded, in seconds. */
    @WithDefault("120")
    int maxVoicemailSeconds();
}

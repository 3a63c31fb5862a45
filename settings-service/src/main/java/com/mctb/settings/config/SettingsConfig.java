package com.mctb.settings.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How settings-service reaches and is reached by the world outside it. */
@ConfigMapping(prefix = "mctb.settings")
public interface SettingsConfig {

    /**
     * Where Twilio (and browsers) reach this service from outside, without a trailing slash; custom greetings are
     * published as {@code <this>/public/greetings/<token>.mp3}. Env {@code SETTINGS_PUBLIC_BASE_URL}.
     */
    @WithDefault("http://localhost:8081")
    String publicBaseUrl();

    /** workflow-service's base URL, asked whether a missed-call workflow is active. Env {@code WORKFLOW_SERVICE_URL}. */
    @WithDefault("http://localhost:8082")
    String workflowServiceUrl();

    /** How long to wait for workflow-service before the legacy toggle is refused with 503. */
    @WithDefault("PT3S")
    Duration workflowServiceTimeout();

    /** The public base URL as configured, less any trailing slash. */
    default String publicBase() {
        String url = publicBaseUrl().trim();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

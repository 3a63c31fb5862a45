package com.mctb.console.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where the console finds the services whose APIs its pages use. */
@ConfigMapping(prefix = "mctb.console")
public interface ConsoleConfig {

    /** settings-service: Business Profile, numbers, users, call settings, hours. Env {@code SETTINGS_SERVICE_URL}. */
    @WithDefault("http://localhost:8081")
    String settingsServiceUrl();

    /** workflow-service: workflows, contacts, journeys, conversations. Env {@code WORKFLOW_SERVICE_URL}. */
    @WithDefault("http://localhost:8082")
    String workflowServiceUrl();

    /** messaging-service: segments, usage, limits, texts. Env {@code MESSAGING_SERVICE_URL}. */
    @WithDefault("http://localhost:8083")
    String messagingServiceUrl();

    /** call-gateway: voicemail audio. Env {@code CALL_GATEWAY_URL}. */
    @WithDefault("http://localhost:8080")
    String callGatewayUrl();

    /** How long to wait for a service to accept a connection before the page is told it cannot be reached. */
    @WithDefault("PT3S")
    Duration connectTimeout();

    /** How long a service may take to answer a passed-on call. */
    @WithDefault("PT30S")
    Duration answerTimeout();
}

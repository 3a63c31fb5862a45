package com.mctb.settings.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

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

    /** The platform's Twilio account, and what settings-service configures at Twilio. */
    Twilio twilio();

    /** The public base URL as configured, less any trailing slash. */
    default String publicBase() {
        String url = publicBaseUrl().trim();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Twilio: the platform's credentials, where the webhooks of a number point, how pending numbers are settled. */
    interface Twilio {

        /** Twilio's REST API, or a stand-in speaking its wire format. Env {@code TWILIO_API_BASE_URL}. */
        @WithDefault("https://api.twilio.com")
        String apiBaseUrl();

        /**
         * The platform's main AccountSid: subaccounts are made under it, and settings-service acts on them with these
         * credentials (it never reads a subaccount's own token). Env {@code TWILIO_ACCOUNT_SID}.
         */
        @WithDefault("AC00000000000000000000000000000000")
        String accountSid();

        /** The main account's auth token. Env {@code TWILIO_AUTH_TOKEN}; without it every Twilio call answers 503. */
        Optional<String> authToken();

        /** Past this, a Twilio call is taken as unanswered. */
        @WithDefault("PT2S")
        Duration connectTimeout();

        /** Past this, a Twilio call's outcome is unknown (a pending row settles it later). */
        @WithDefault("PT10S")
        Duration readTimeout();

        /**
         * call-gateway's public base URL as Twilio reaches it (no trailing slash): a number's VoiceUrl is
         * {@code <this>/twilio/voice/incoming}, its StatusCallback {@code <this>/twilio/voice/status}. Env
         * {@code PUBLIC_BASE_URL}.
         */
        @WithDefault("http://localhost:8080")
        String voicePublicBaseUrl();

        /**
         * messaging-service's public base URL as Twilio reaches it: a number's SmsUrl is
         * {@code <this>/twilio/messaging/inbound}. Env {@code MESSAGING_PUBLIC_BASE_URL}.
         */
        @WithDefault("http://localhost:8083")
        String messagingPublicBaseUrl();

        /**
         * How often pending numbers (a purchase, import or release whose outcome was not recorded) are settled by
         * asking Twilio; the first run is at start. {@code off} disables it.
         */
        @WithDefault("60s")
        String reconcileEvery();

        /** A pending row younger than this is left alone: its request may still be waiting for Twilio. */
        @WithDefault("PT1M")
        Duration pendingGrace();

        /** How often every number's configuration at Twilio is compared with what it should be. {@code off} disables it. */
        @WithDefault("15m")
        String driftCheckEvery();
    }
}

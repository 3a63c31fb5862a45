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

    /**
     * How long after Twilio's final status callback a call without a dial outcome is reported as missed: long
     * enough for a late or reordered dial callback to decide first.
     */
    @WithDefault("PT10S")
    java.time.Duration statusGrace();

    /** Where missed calls wait on disk when neither the database nor Kafka can take them. */
    @WithDefault("spool")
    String spoolDirectory();

    /** Seconds the person who picks up a screened forward has to press a key. */
    @WithDefault("8")
    int screeningSeconds();

    /**
     * Twilio's REST API, where voicemail recordings are fetched (the stand-in locally). Env
     * {@code TWILIO_API_BASE_URL}.
     */
    @WithDefault("https://api.twilio.com")
    String twilioApiBaseUrl();

    /** Recording audio kept in memory after it was fetched from Twilio, in megabytes (a player asks several times). */
    @WithDefault("32")
    int recordingCacheMegabytes();

    /**
     * Longest a webhook waits for the database (the group-commit writer) to record a missed call; past it the call is
     * forced to the local spool instead and the webhook answered. Well under Twilio's patience and the 1 s the
     * gateway promises.
     */
    @WithDefault("PT0.25S")
    java.time.Duration writeDeadline();

    /** Call decisions that may wait for the writer; past it a missed call goes to the spool at once. */
    @WithDefault("4096")
    int writerQueue();

    /** Most call decisions written in one transaction. */
    @WithDefault("500")
    int writerBatch();
}

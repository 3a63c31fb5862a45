package com.mctb.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Recordings of answered calls: how long they are kept. */
@ConfigMapping(prefix = "mctb.gateway.recordings")
public interface RecordingConfig {

    /**
     * How often recordings past their account's retention ({@code recording.retentionDays} of the number's settings)
     * are deleted, at Twilio and here: a Quarkus scheduler period ({@code 1h}, {@code 10m}), or {@code off}.
     */
    @WithDefault("1h")
    String retentionEvery();

    /** Days a recording is kept when the number's settings carry no retention (settings-service's own default). */
    @WithDefault("90")
    int retentionDefaultDays();
}

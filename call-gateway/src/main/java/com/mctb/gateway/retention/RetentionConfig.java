package com.mctb.gateway.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long the gateway keeps what it needs only for a while. */
@ConfigMapping(prefix = "mctb.gateway.retention")
public interface RetentionConfig {

    /**
     * Call outcomes and human confirmations older than this are deleted. An outcome de-duplicates Twilio's callbacks
     * for its CallSid, which Twilio retries for minutes, not weeks; 30 days leaves room for a replayed spool or a
     * support question.
     */
    @WithDefault("P30D")
    Duration callRecords();

    /** Rows deleted per transaction, so pruning never holds many locks or a long transaction. */
    @WithDefault("1000")
    int batch();
}

package com.mctb.kit.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How {@link RecordBatchProcessor} treats failures of the records it handles (every consumer of the service). */
@ConfigMapping(prefix = "mctb.kafka.consumer")
public interface ConsumerConfig {

    /**
     * How many times a transaction may time out (a statement or lock timeout) before its record is dead-lettered:
     * a record that times out every time must not block its partition for ever.
     */
    @WithDefault("5")
    int timeoutAttempts();

    /** The first wait before a dead letter whose write failed is written again; it doubles each time. */
    @WithDefault("PT0.5S")
    Duration deadLetterRetry();

    /** The longest wait between two tries of a dead letter's write. */
    @WithDefault("PT30S")
    Duration deadLetterMaxRetry();
}

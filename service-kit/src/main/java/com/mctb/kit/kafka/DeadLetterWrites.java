package com.mctb.kit.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Writes a dead letter however long its topic takes to take it: a consumer whose {@code .dlq} topic is missing or
 * unwritable holds the record (nothing is skipped, no offset is committed past it) and tries again with a back-off
 * ({@code mctb.kafka.consumer.dead-letter-retry} doubling to {@code dead-letter-max-retry}), instead of failing its
 * channel for good. While a write fails, readiness is down ("Dead letters written") and
 * {@code mctb_dead_letters_waiting} counts the records held; each failed try counts in
 * {@code mctb_dead_letter_write_failures_total}. It resumes by itself once the write goes through.
 */
@ApplicationScoped
public class DeadLetterWrites {

    static final String FAILURES = "mctb.dead.letter.write.failures";
    static final String WAITING = "mctb.dead.letters.waiting";
    private static final Logger LOG = Logger.getLogger(DeadLetterWrites.class);

    @Inject
    DeadLetters deadLetters;

    @Inject
    ConsumerConfig config;

    @Inject
    MeterRegistry registry;

    /** Records whose dead letter is being written and failed at least once. */
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile String lastError;
    private volatile boolean stopping;

    void registerMeters(@Observes StartupEvent start) {
        registry.gauge(WAITING, waiting);
        registry.counter(FAILURES);
    }

    void stopping(@Observes ShutdownEvent stop) {
        stopping = true;
    }

    /**
     * Returns once the dead letter is written. Throws {@link Stopping} if the service stops first (the record is
     * then not acknowledged: it is redelivered after the restart).
     */
    public void write(String consumer, ConsumerRecord<String, String> record, Throwable error) {
        Duration wait = config.deadLetterRetry();
        boolean counted = false;
        try {
            while (true) {
                if (stopping) {
                    throw new Stopping("stopping before the dead letter of " + where(record) + " was written");
                }
                try {
                    deadLetters.send(consumer, record, error);
                    if (counted) {
                        LOG.infof("dead letter of %s written after failed tries", where(record));
                    }
                    return;
                } catch (RuntimeException e) {
                    if (stopping) {
                        throw new Stopping("stopping before the dead letter of " + where(record) + " was written");
                    }
                    registry.counter(FAILURES).increment();
                    lastError = Failures.describe(e);
                    if (!counted) {
                        counted = true;
                        waiting.incrementAndGet();
                    }
                    LOG.errorf("could not write the dead letter of %s for %s, holding it and trying again in %d ms: %s",
                            where(record), consumer, wait.toMillis(), lastError);
                    try {
                        Thread.sleep(wait.toMillis());
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw new Stopping("interrupted before the dead letter of " + where(record) + " was written");
                    }
                    wait = wait.multipliedBy(2);
                    if (wait.compareTo(config.deadLetterMaxRetry()) > 0) {
                        wait = config.deadLetterMaxRetry();
                    }
                }
            }
        } finally {
            if (counted) {
                waiting.decrementAndGet();
            }
        }
    }

    /** How many records are held because their dead letter could not be written (yet). */
    public int waiting() {
        return waiting.get();
    }

    /** Why the last failed write failed, if any did. */
    public String lastError() {
        return lastError;
    }

    private static String where(ConsumerRecord<String, String> record) {
        return record.topic() + "/" + record.partition() + "@" + record.offset();
    }

    /** The service began to stop while the record was held: it is left unacknowledged, for the restart. */
    public static class Stopping extends IllegalStateException {
        public Stopping(String message) {
            super(message);
        }
    }
}

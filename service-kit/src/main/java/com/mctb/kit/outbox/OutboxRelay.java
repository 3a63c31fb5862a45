package com.mctb.kit.outbox;

import com.mctb.contracts.event.Event;
import com.mctb.contracts.json.EventJson;
import com.mctb.kit.kafka.CloudEvents;
import com.mctb.kit.kafka.KafkaProducers;
import com.mctb.kit.tracing.Traces;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends committed outbox rows to Kafka in id order, then deletes them. One relay per database schema leads at a time
 * (a session-level advisory lock, held only while there is something to send and let go once nothing is in flight),
 * so replicas neither send a row twice in the normal case nor reorder one key's records. While it leads it holds no
 * transaction: it reads a batch, sends it, reads and sends the next while the broker acknowledges the first, and
 * deletes each batch once acknowledged, each statement committed at once ({@link OutboxPipeline}). A row is deleted
 * only after the broker acknowledged it; if the service dies in between, the row is sent again (at-least-once), and
 * every consumer's inbox drops the repeat by its event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;
    /** Batches in flight at most: the next is read and sent while the broker acknowledges these. */
    private static final int DEPTH = 4;
    /** How soon to try again while another replica's relay leads (its commits' rows wait for us, not for the poll). */
    private static final long CONTENDED_RETRY_MS = 20;

    @Inject
    DataSource dataSource;

    @Inject
    KafkaProducers kafka;

    @Inject
    MeterRegistry registry;

    @Inject
    Tracer tracer;

    @ConfigProperty(name = "mctb.outbox.poll-interval", defaultValue = "PT0.5S")
    java.time.Duration pollInterval;

    @ConfigProperty(name = "mctb.outbox.send-timeout", defaultValue = "PT10S")
    java.time.Duration sendTimeout;

    /** How often at most the leading relay vacuums its outbox table ({@link OutboxVacuum}); PT0S: never. */
    @ConfigProperty(name = "mctb.outbox.vacuum-every", defaultValue = "PT1M")
    java.time.Duration vacuumEvery;

    private final Semaphore wakeUps = new Semaphore(0);
    private final AtomicLong lastFailureLogged = new AtomicLong();
    private volatile boolean running;
    private Thread thread;
    private Counter relayed;
    private Counter failures;
    private OutboxVacuum vacuum;

    void start(@Observes StartupEvent startup) {
        vacuum = new OutboxVacuum(vacuumEvery, System::nanoTime);
        relayed = Counter.builder("mctb.outbox.relayed").description("Outbox records sent to Kafka")
                .register(registry);
        failures = Counter.builder("mctb.outbox.relay.failures")
                .description("Attempts to relay the outbox that failed (Kafka or database unreachable)")
                .register(registry);
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        wakeUp();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Asks the broker for the shared topics' partitions once at start, so the first record after a (re)start is not
     * held while the producer fetches them (one of the waits of the first missed call after a restart).
     */
    private void warmUp() {
        for (com.mctb.contracts.Topics.TopicSpec topic : com.mctb.contracts.Topics.ALL) {
            try {
                kafka.producer().partitionsFor(topic.name());
            } catch (RuntimeException e) {
                return; // the broker is not there yet: the first send will ask
            }
        }
    }

    /** Called after a commit that wrote to the outbox. */
    public void wakeUp() {
        wakeUps.release();
    }

    private void loop() {
        warmUp();
        long backoffMs = 0;
        boolean contended = false;
        while (running) {
            try {
                if (backoffMs > 0) {
                    Thread.sleep(backoffMs);
                } else {
                    wakeUps.tryAcquire(contended ? CONTENDED_RETRY_MS : pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                }
                wakeUps.drainPermits();
                contended = !relayWhileLeading();
                backoffMs = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | SQLException e) {
                failures.increment();
                backoffMs = Math.min(5_000, Math.max(100, backoffMs * 2));
                long now = System.currentTimeMillis();
                if (now - lastFailureLogged.get() > 10_000) {
                    lastFailureLogged.set(now);
                    LOG.warnf("outbox relay cannot send yet, retrying in %d ms: %s", backoffMs, e);
                }
            }
        }
    }

    /**
     * One term: leads if no other replica's relay does, and relays until the outbox is empty and nothing is in
     * flight; false if another relay leads. The connection is outside any transaction (autocommit).
     */
    private boolean relayWhileLeading() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            JdbcOutboxRows rows = new JdbcOutboxRows(connection, BATCH);
            if (!rows.lead()) {
                return false;
            }
            try {
                OutboxPipeline pipeline = new OutboxPipeline(rows, this::send, BATCH, DEPTH, sendTimeout);
                int sent = pipeline.drain(() -> wakeUps.drainPermits() > 0, () -> running);
                relayed.increment(sent);
                vacuum.deleted(sent);
                vacuumIfDue(rows);
            } catch (OutboxPipeline.OutboxRelayException e) {
                relayed.increment(e.relayed);
                vacuum.deleted(e.relayed);
                throw e;
            } finally {
                try {
                    rows.release();
                } catch (RuntimeException e) {
                    // The lock is the session's: a connection that kept it must not go back to the pool.
                    connection.abort(Runnable::run);
                    throw e;
                }
            }
            return true;
        }
    }

    /** While leading (so one replica at a time): a vacuum that fails is logged and tried again a period later. */
    private void vacuumIfDue(JdbcOutboxRows rows) {
        if (!vacuum.due()) {
            return;
        }
        long started = System.nanoTime();
        try {
            rows.vacuum();
            LOG.debugf("outbox vacuumed in %d ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (SQLException e) {
            LOG.warnf("could not vacuum the outbox (tried again in %s): %s", vacuumEvery, e.getMessage());
        } finally {
            vacuum.done();
        }
    }

    /**
     * One record, with its CloudEvents headers (a tombstone has none: it is no event) and a publish span under the
     * trace of the transaction that wrote it (when it had one); the future completes with the broker's answer.
     */
    private CompletableFuture<RecordMetadata> send(OutboxRow row) {
        ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
        if (row.payload() != null) {
            Instant written = row.createdAt() != null ? row.createdAt() : Instant.now();
            if (row.eventId() != null && row.eventType() != null) {
                CloudEvents.addTo(record.headers(), row.eventId(), row.eventType(), kafka.source(), written);
            } else {
                // A row written before the outbox kept the event's id and type: read them from the event.
                try {
                    CloudEvents.addTo(record.headers(), EventJson.decode(row.payload(), Event.class), kafka.source(),
                            written);
                } catch (RuntimeException notAnEvent) {
                    LOG.warnf("outbox row %s is not an event we know (%s); sent without CloudEvents headers", row.id(),
                            notAnEvent.getMessage());
                }
            }
        }
        CompletableFuture<RecordMetadata> ack = new CompletableFuture<>();
        Callback complete = (metadata, error) -> {
            if (error != null) {
                ack.completeExceptionally(error);
            } else {
                ack.complete(metadata);
            }
        };
        if (row.traceparent() == null) {
            kafka.producer().send(record, complete);
            return ack;
        }
        try (Traces.Active span = Traces.start(tracer, row.topic() + " publish", SpanKind.PRODUCER,
                Traces.parse(row.traceparent()))) {
            span.attribute("messaging.system", "kafka").attribute("messaging.destination.name", row.topic());
            Traces.addTo(record.headers(), Traces.current());
            kafka.producer().send(record, complete);
            return ack;
        }
    }
}

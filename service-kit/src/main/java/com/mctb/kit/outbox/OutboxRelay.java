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
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends committed outbox rows to Kafka in id order, then deletes them. One relay per database schema works at a
 * time (a transaction-scoped advisory lock), so replicas neither send a row twice in the normal case nor reorder
 * one key's records. A row is deleted only after the broker acknowledged it; if the service dies in between, the
 * row is sent again on restart (at-least-once), and every consumer's inbox drops the repeat by its event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;

    @Inject
    EntityManager em;

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

    private final Semaphore wakeUps = new Semaphore(0);
    private final AtomicLong lastFailureLogged = new AtomicLong();
    private volatile boolean running;
    private Thread thread;
    private Counter relayed;
    private Counter failures;

    void start(@Observes StartupEvent startup) {
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
        while (running) {
            try {
                if (backoffMs > 0) {
                    Thread.sleep(backoffMs);
                } else {
                    wakeUps.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                }
                wakeUps.drainPermits();
                int sent;
                do {
                    sent = relayOnce();
                } while (sent == BATCH && running);
                backoffMs = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
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
     * One record, with its CloudEvents headers (a tombstone has none: it is no event) and a publish span under the
     * trace of the transaction that wrote it (when it had one).
     */
    private Future<RecordMetadata> send(Object[] row) {
        String topic = (String) row[1];
        String key = (String) row[2];
        String payload = (String) row[3];
        String traceparent = (String) row[4];
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
        if (payload != null) {
            Instant written = row[7] instanceof java.sql.Timestamp ts ? ts.toInstant()
                    : row[7] instanceof java.time.OffsetDateTime odt ? odt.toInstant()
                    : row[7] instanceof Instant instant ? instant : Instant.now();
            if (row[5] != null && row[6] != null) {
                CloudEvents.addTo(record.headers(), (String) row[5], (String) row[6], kafka.source(), written);
            } else {
                // A row written before the outbox kept the event's id and type: read them from the event.
                try {
                    CloudEvents.addTo(record.headers(), EventJson.decode(payload, Event.class), kafka.source(), written);
                } catch (RuntimeException notAnEvent) {
                    LOG.warnf("outbox row %s is not an event we know (%s); sent without CloudEvents headers", row[0],
                            notAnEvent.getMessage());
                }
            }
        }
        if (traceparent == null) {
            return kafka.producer().send(record);
        }
        try (Traces.Active span = Traces.start(tracer, topic + " publish", SpanKind.PRODUCER, Traces.parse(traceparent))) {
            span.attribute("messaging.system", "kafka").attribute("messaging.destination.name", topic);
            Traces.addTo(record.headers(), Traces.current());
            return kafka.producer().send(record);
        }
    }

    /** Relays up to one batch; returns how many records it sent. */
    int relayOnce() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Boolean locked = (Boolean) em.createNativeQuery(
                    "select pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox'))").getSingleResult();
            if (!Boolean.TRUE.equals(locked)) {
                return 0;
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(
                    "select id, topic, record_key, payload, traceparent, event_id, event_type, created_at from outbox"
                            + " order by id limit " + BATCH)
                    .getResultList();
            if (rows.isEmpty()) {
                return 0;
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
            List<Long> ids = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                ids.add(((Number) row[0]).longValue());
                acks.add(send(row));
            }
            long deadline = System.nanoTime() + sendTimeout.toNanos();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            em.createNativeQuery("delete from outbox where id in (:ids)")
                    .setParameter("ids", ids)
                    .executeUpdate();
            relayed.increment(rows.size());
            return rows.size();
        });
    }
}

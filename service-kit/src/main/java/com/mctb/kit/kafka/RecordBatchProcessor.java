package com.mctb.kit.kafka;

import com.mctb.contracts.event.Event;
import com.mctb.contracts.json.EventDecodingException;
import com.mctb.kit.inbox.Inbox;
import com.mctb.kit.tracing.Traces;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * What every thin {@code @Incoming} adapter hands its poll batch to. Each record is checked at the edge first
 * ({@link IncomingRecords}: its CloudEvents type, the event it is, its schema); one that is not a valid event goes to
 * the DLQ with why. The rest are handled in one database transaction together with their inbox rows (committing once per
 * batch is what keeps exactly-once effects cheap here: see BUILD.md). If that transaction fails, the batch is
 * handled again record by record, so one poison record cannot hold back the others: it goes to the DLQ. A
 * database or broker that is away is waited for, never dead-lettered. A transaction that times out (a statement or
 * lock timeout) is tried {@code mctb.kafka.consumer.timeout-attempts} times, then its record goes to the DLQ with the
 * timeout as why. A failure met while the service stops (its database closed under the handler) is never
 * dead-lettered: the record is left unacknowledged and comes again after the restart. A dead letter that cannot be
 * written is held and tried again ({@link DeadLetterWrites}), never skipped. See {@link Failures} for the kinds.
 */
@ApplicationScoped
public class RecordBatchProcessor {

    private static final Logger LOG = Logger.getLogger(RecordBatchProcessor.class);
    private static final long MAX_BACKOFF_MS = 5_000;

    /** How often {@link #processIdempotent} hands one event over alone when it collides on a unique key. */
    static final int ALONE_ATTEMPTS = 3;

    @Inject
    Inbox inbox;

    @Inject
    DeadLetterWrites deadLetters;

    @Inject
    ConsumerConfig config;

    private volatile boolean stopping;

    void stopping(@Observes ShutdownEvent stop) {
        stopping = true;
    }

    /** Undoes {@link #stopping} (for tests, which stop no service). */
    void resume() {
        stopping = false;
    }

    @Inject
    Tracer tracer;

    public <E extends Event> void process(String consumer, Iterable<ConsumerRecord<String, String>> records,
            Class<E> type, EventHandler<E> handler) {
        process(consumer, records, type, handler, true);
    }

    /**
     * Like {@link #process}, for a handler whose effect is its own inbox: the effect has a unique key (a missed call's
     * CallSid, a command's id) that the handler inserts with {@code on conflict do nothing} and, finding it already
     * there, treats the event as handled. No {@code processed_event} row is written: one inbox mechanism per effect.
     */
    public <E extends Event> void processKeyedByEffect(String consumer, Iterable<ConsumerRecord<String, String>> records,
            Class<E> type, EventHandler<E> handler) {
        process(consumer, records, type, handler, false);
    }

    private <E extends Event> void process(String consumer, Iterable<ConsumerRecord<String, String>> records,
            Class<E> type, EventHandler<E> handler, boolean withInbox) {
        List<Decoded<E>> decoded = decode(consumer, records, type, true);
        if (decoded.isEmpty()) {
            return;
        }
        try {
            untilDone(() -> QuarkusTransaction.requiringNew().run(
                    () -> decoded.forEach(d -> apply(consumer, d, handler, withInbox))));
        } catch (RuntimeException batchFailure) {
            leaveIfStopping(batchFailure);
            if (decoded.size() == 1) {
                deadLetter(consumer, decoded.get(0).record(), batchFailure);
                return;
            }
            LOG.debugf("batch of %d failed (%s); handling record by record", decoded.size(), batchFailure);
            for (Decoded<E> one : decoded) {
                try {
                    untilDone(() -> QuarkusTransaction.requiringNew().run(
                            () -> apply(consumer, one, handler, withInbox)));
                } catch (RuntimeException e) {
                    deadLetter(consumer, one.record(), e);
                }
            }
        }
    }

    /**
     * For effects that are idempotent by themselves (a column filled in only while empty): the decodable events of a
     * poll batch go to {@code handler} together, in one transaction, with no inbox rows, so the batch costs the
     * handler's own statements and nothing per event. Records that are not a valid event go to the DLQ; if the
     * transaction fails, the events are handed over one at a time and the one that fails goes to the DLQ (after up
     * to {@link #ALONE_ATTEMPTS} tries when it collided on a unique key). A database that is away is waited for.
     */
    public <E extends Event> void processIdempotent(String consumer, Iterable<ConsumerRecord<String, String>> records,
            Class<E> type, java.util.function.Consumer<List<E>> handler) {
        List<Decoded<E>> decoded = decode(consumer, records, type, false);
        if (decoded.isEmpty()) {
            return;
        }
        List<E> events = decoded.stream().map(Decoded::event).toList();
        try {
            untilDone(() -> QuarkusTransaction.requiringNew().run(() -> handler.accept(events)));
        } catch (RuntimeException batchFailure) {
            leaveIfStopping(batchFailure);
            LOG.debugf("batch of %d failed (%s); handling event by event", decoded.size(), batchFailure);
            for (Decoded<E> one : decoded) {
                alone(consumer, one, handler);
            }
        }
    }

    /**
     * One event of a failed idempotent batch, in its own transaction. When that fails on a unique key, another
     * transaction recorded the same event at the same moment (two replicas during a rebalance, each handing the same
     * command over alone, both found it missing): handed over again, the handler's lookup finds it. So up to
     * {@link #ALONE_ATTEMPTS} times, and only then the DLQ: seen in the fault run at 100 calls/s, where 14 commands
     * another replica had recorded went to {@code sms.commands.dlq} after one try.
     */
    private <E extends Event> void alone(String consumer, Decoded<E> one, java.util.function.Consumer<List<E>> handler) {
        for (int attempt = 1; ; attempt++) {
            try {
                untilDone(() -> QuarkusTransaction.requiringNew().run(() -> handler.accept(List.of(one.event()))));
                return;
            } catch (RuntimeException e) {
                if (attempt < ALONE_ATTEMPTS && Failures.isUniqueViolation(e)) {
                    LOG.debugf("event %s collided on a unique key (%s); handing it over again", one.event().eventId(),
                            Failures.describe(e));
                    continue;
                }
                deadLetter(consumer, one.record(), e);
                return;
            }
        }
    }

    /** The records as events; one that is not a valid event goes to the DLQ. Tombstones are kept only if asked. */
    private <E extends Event> List<Decoded<E>> decode(String consumer, Iterable<ConsumerRecord<String, String>> records,
            Class<E> type, boolean keepTombstones) {
        List<Decoded<E>> decoded = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            if (record.value() == null) {
                if (keepTombstones) {
                    decoded.add(new Decoded<>(record, null));
                }
                continue;
            }
            try {
                decoded.add(new Decoded<>(record, IncomingRecords.decode(record, type)));
            } catch (EventDecodingException e) {
                deadLetter(consumer, record, e);
            }
        }
        return decoded;
    }

    private <E extends Event> void apply(String consumer, Decoded<E> d, EventHandler<E> handler, boolean withInbox) {
        if (d.event() == null) {
            handler.deleted(d.record().key());
            return;
        }
        // The ids every log line of this event carries (JSON logs show them as fields).
        MDC.put("accountId", d.event().accountId());
        MDC.put("eventId", d.event().eventId());
        // Under the trace of whoever published it: what the handler writes to the outbox carries it on.
        try (Traces.Active span = Traces.start(tracer, d.record().topic() + " process", SpanKind.CONSUMER,
                Traces.parse(d.record().headers()))) {
            span.attribute("messaging.system", "kafka").attribute("messaging.destination.name", d.record().topic())
                    .attribute("messaging.consumer.group.name", consumer).attribute("mctb.event_id", d.event().eventId());
            if (!withInbox || inbox.firstDelivery(consumer, d.event().eventId())) {
                handler.handle(d.event());
            }
        } finally {
            MDC.remove("accountId");
            MDC.remove("eventId");
        }
    }

    /**
     * Runs the work, waiting out failures of a database or broker that is away, and trying a timed-out transaction
     * again up to {@code timeout-attempts} times; rethrows any other failure (the caller dead-letters it).
     */
    private void untilDone(Runnable work) {
        long backoff = 100;
        int timeouts = 0;
        while (true) {
            try {
                work.run();
                return;
            } catch (RuntimeException e) {
                Failures.Kind kind = Failures.classify(e);
                leaveIfStopping(e);
                switch (kind) {
                    case POISON -> throw e;
                    case TIMEOUT -> {
                        timeouts++;
                        if (timeouts >= config.timeoutAttempts()) {
                            throw new TimedOut(timeouts, e);
                        }
                        LOG.warnf("timed out (%d of %d), retrying in %d ms: %s", timeouts, config.timeoutAttempts(),
                                backoff, Failures.describe(e));
                    }
                    // SHUTDOWN while not stopping: a part closed under the handler that is coming back; wait for it.
                    default -> LOG.warnf("%s failure, retrying in %d ms: %s", kind.name().toLowerCase(), backoff,
                            Failures.describe(e));
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new DeadLetterWrites.Stopping("interrupted while retrying: " + Failures.describe(e));
                }
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    /** Sends the record to the DLQ (held until that is written), unless the failure came from the service stopping. */
    private void deadLetter(String consumer, ConsumerRecord<String, String> record, RuntimeException error) {
        leaveIfStopping(error);
        deadLetters.write(consumer, record, error);
    }

    /**
     * Rethrows, so that the poll batch is not acknowledged and comes again after the restart, a failure that the
     * service's stopping caused (or that came while it stops: its database or producer may be closed already).
     */
    private void leaveIfStopping(RuntimeException error) {
        if (error instanceof DeadLetterWrites.Stopping stop) {
            throw stop;
        }
        if (stopping) {
            DeadLetterWrites.Stopping stop = new DeadLetterWrites.Stopping(
                    "stopping: the batch is left for the restart (" + Failures.describe(error) + ")");
            stop.initCause(error);
            throw stop;
        }
    }

    /** A transaction that timed out every time it was tried: its record is dead-lettered with this as why. */
    static final class TimedOut extends RuntimeException {
        TimedOut(int attempts, Throwable last) {
            super("timed out " + attempts + " times, given up", last);
        }
    }

    private record Decoded<E extends Event>(ConsumerRecord<String, String> record, E event) {
    }
}

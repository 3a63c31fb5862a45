package com.mctb.gateway.calls;

import com.mctb.gateway.config.GatewayConfig;
import com.mctb.kit.kafka.Failures;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Group commit of what the call webhooks write: webhooks hand their call decision, and the ring pattern's legs as
 * they end, to one writer thread and wait for its future; the writer takes everything that queued up while it was
 * writing the last batch and writes it in one transaction (one statement for the CallSid rows, one for the legs, the
 * outbox rows, one commit). So concurrent dial callbacks share a commit instead of each paying for its own (a missed
 * call's leg and its decision too: before, each leg was a transaction of its own on another worker thread), and a
 * webhook never holds a database connection. If that one commit fails, the decisions and the legs are written again
 * apart, so a leg (best effort) never holds back a missed call.
 *
 * <p>The queue is bounded ({@code mctb.gateway.writer-queue}): when it is full a decision is refused at once (its
 * webhook falls back, see {@link MissedCallPublisher}). A webhook that stopped waiting may {@link Pending#abandon()}
 * its decision while the writer has not taken it yet; one already taken is written anyway (the CallSid row
 * de-duplicates the fall-back's copy).
 */
@ApplicationScoped
public class OutcomeWriter {

    private static final Logger LOG = Logger.getLogger(OutcomeWriter.class);

    @Inject
    CallOutcomes outcomes;

    @Inject
    CallLegs legs;

    @Inject
    GatewayConfig config;

    @Inject
    MeterRegistry registry;

    private BlockingQueue<Pending> queue;
    private volatile boolean running;
    private Thread thread;

    void start(@Observes StartupEvent startup) {
        start(config.writerQueue(), config.writerBatch());
    }

    /** Starts the writer thread (without the framework: for tests). */
    void start(int capacity, int batch) {
        queue = new ArrayBlockingQueue<>(capacity);
        running = true;
        thread = new Thread(() -> run(batch), "call-outcome-writer");
        thread.setDaemon(true);
        thread.start();
        if (registry != null) {
            Gauge.builder("mctb.calls.outcomes.queued", queue, BlockingQueue::size)
                    .description("Call decisions waiting for the group-commit writer").register(registry);
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /**
     * Queues a decision; the future completes with true when it was the first for its CallSid, false when decided
     * before, or exceptionally when the batch could not be written or the queue is full.
     */
    public Pending submit(CallOutcomes.Decision decision) {
        return queued(new Pending(decision, null));
    }

    /** Queues an ended leg; the future completes (with true) once it is kept, or exceptionally. */
    public Pending submit(CallLegs.Ended leg) {
        return queued(new Pending(null, leg));
    }

    private Pending queued(Pending pending) {
        if (queue == null || !queue.offer(pending)) {
            pending.result.completeExceptionally(new RejectedExecutionException("the call-outcome writer's queue is full"));
        }
        return pending;
    }

    private void run(int batchSize) {
        List<Pending> batch = new ArrayList<>(batchSize);
        while (running) {
            try {
                Pending first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.clear();
                if (first.take()) {
                    batch.add(first);
                }
                List<Pending> more = new ArrayList<>();
                queue.drainTo(more, batchSize - 1);
                for (Pending p : more) {
                    if (p.take()) {
                        batch.add(p);
                    }
                }
                if (!batch.isEmpty()) {
                    write(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.errorf("call-outcome writer: %s", Failures.describe(e));
            }
        }
    }

    private void write(List<Pending> batch) {
        List<Pending> decided = new ArrayList<>(batch.size());
        List<Pending> ended = new ArrayList<>();
        for (Pending p : batch) {
            (p.decision != null ? decided : ended).add(p);
        }
        if (!decided.isEmpty() && !ended.isEmpty()) {
            try {
                List<Boolean> won = inOneTransaction(() -> {
                    legs.endedAll(ended.stream().map(p -> p.leg).toList());
                    return decideAll(decided);
                });
                complete(decided, won);
                complete(ended, null);
                return;
            } catch (RuntimeException e) {
                if (Failures.isTransient(e)) {
                    // The database is away: trying again apart would only wait for it twice more.
                    batch.forEach(p -> p.result.completeExceptionally(e));
                    return;
                }
                LOG.debugf("call-outcome writer: the batch's one commit failed (%s); its decisions and legs apart",
                        Failures.describe(e));
            }
        }
        if (!decided.isEmpty()) {
            try {
                complete(decided, decideAll(decided)); // its own transaction: one commit for the batch
            } catch (RuntimeException e) {
                decided.forEach(p -> p.result.completeExceptionally(e));
            }
        }
        if (!ended.isEmpty()) {
            try {
                legs.endedAll(ended.stream().map(p -> p.leg).toList());
                complete(ended, null);
            } catch (RuntimeException e) {
                ended.forEach(p -> p.result.completeExceptionally(e));
            }
        }
        if (registry != null) {
            registry.summary("mctb.calls.outcomes.batch").record(batch.size());
        }
    }

    /** Runs {@code writes} in one transaction of its own (overridden by tests that run without the framework). */
    List<Boolean> inOneTransaction(java.util.concurrent.Callable<List<Boolean>> writes) {
        return QuarkusTransaction.requiringNew().call(writes);
    }

    private List<Boolean> decideAll(List<Pending> decided) {
        return outcomes.decideAll(decided.stream().map(p -> p.decision).toList());
    }

    /** Completes each with its CallSid's verdict ({@code won}), or, for legs ({@code won} null), with true. */
    private static void complete(List<Pending> pendings, List<Boolean> won) {
        for (int i = 0; i < pendings.size(); i++) {
            pendings.get(i).result.complete(won == null || won.get(i));
        }
    }

    /** A decision, or an ended leg, waiting for the writer. */
    public static final class Pending {
        private static final int WAITING = 0;
        private static final int TAKEN = 1;
        private static final int ABANDONED = 2;

        final CallOutcomes.Decision decision;
        final CallLegs.Ended leg;
        final CompletableFuture<Boolean> result = new CompletableFuture<>();
        private final AtomicInteger state = new AtomicInteger(WAITING);

        Pending(CallOutcomes.Decision decision, CallLegs.Ended leg) {
            this.decision = decision;
            this.leg = leg;
        }

        public CompletableFuture<Boolean> result() {
            return result;
        }

        /** True when the writer had not taken it yet: it will not be written. */
        public boolean abandon() {
            return state.compareAndSet(WAITING, ABANDONED);
        }

        boolean take() {
            return state.compareAndSet(WAITING, TAKEN);
        }
    }
}

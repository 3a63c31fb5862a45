package com.mctb.gateway.calls;

import com.mctb.gateway.config.GatewayConfig;
import com.mctb.kit.kafka.Failures;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
 * Group commit of call decisions: webhooks hand their decision to one writer thread and wait for its future; the
 * writer takes everything that queued up while it was writing the last batch and writes it in one transaction (one
 * statement for the CallSid rows, the outbox rows, one commit). So concurrent dial callbacks share a commit instead
 * of each paying for its own, and a webhook never holds a database connection.
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
        Pending pending = new Pending(decision);
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
        List<CallOutcomes.Decision> decisions = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            decisions.add(p.decision);
        }
        try {
            List<Boolean> won = outcomes.decideAll(decisions); // its own transaction: one commit for the batch
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result.complete(won.get(i));
            }
            if (registry != null) {
                registry.summary("mctb.calls.outcomes.batch").record(batch.size());
            }
        } catch (RuntimeException e) {
            for (Pending p : batch) {
                p.result.completeExceptionally(e);
            }
        }
    }

    /** A decision waiting for the writer. */
    public static final class Pending {
        private static final int WAITING = 0;
        private static final int TAKEN = 1;
        private static final int ABANDONED = 2;

        final CallOutcomes.Decision decision;
        final CompletableFuture<Boolean> result = new CompletableFuture<>();
        private final AtomicInteger state = new AtomicInteger(WAITING);

        Pending(CallOutcomes.Decision decision) {
            this.decision = decision;
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

package com.mctb.messaging.sending;

import com.mctb.kit.kafka.Failures;
import com.mctb.messaging.config.MessagingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Every thread of the send path, made here and stopped here: one timer (waits for a number's slot, back-off, the
 * lookup delay), the bounded pool of senders (requests to Twilio at once), and the two loops (claimer, recorder).
 * Stopping lets the senders finish for a moment and the recorder write what they settled. The loops' database steps
 * wait out a database that is away through {@link #untilStored}, for as long as the path runs.
 */
@ApplicationScoped
public class SendingThreads {

    private static final Logger LOG = Logger.getLogger(SendingThreads.class);

    @Inject
    MessagingConfig config;

    private ScheduledExecutorService timer;
    private ExecutorService senders;
    private final List<Thread> loops = new ArrayList<>();
    private volatile boolean running;

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        timer = Executors.newSingleThreadScheduledExecutor(daemons("send-timer"));
        int n = config.sending().senders();
        senders = Executors.newFixedThreadPool(n, daemons("twilio-sender"));
    }

    /** Whether the send path runs (false once the service stops). */
    boolean running() {
        return running;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    ExecutorService senders() {
        return senders;
    }

    /** Runs {@code step} over and over on its own thread until the service stops. */
    synchronized void loop(String name, Step step) {
        Thread thread = daemons(name).newThread(() -> {
            while (running) {
                try {
                    step.run();
                } catch (InterruptedException e) {
                    if (!running) {
                        return;
                    }
                } catch (RuntimeException e) {
                    LOG.errorf(e, "%s: %s", name, Failures.describe(e));
                }
            }
        });
        loops.add(thread);
        thread.start();
    }

    /** Runs a database step, waiting out a database that is away; rethrows any other failure. */
    <T> T untilStored(Supplier<T> step) throws InterruptedException {
        long backoff = 100;
        while (true) {
            try {
                return step.get();
            } catch (RuntimeException e) {
                if (!Failures.isTransient(e) || !running) {
                    throw e;
                }
                LOG.warnf("database unavailable, retrying in %d ms: %s", backoff, Failures.describe(e));
                Thread.sleep(backoff);
                backoff = Math.min(5_000, backoff * 2);
            }
        }
    }

    synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        timer.shutdownNow();
        senders.shutdown();
        try {
            senders.awaitTermination(5, TimeUnit.SECONDS);
            // The last loop is the recorder: it writes what the senders settled before it ends.
            for (int i = loops.size() - 1; i >= 0; i--) {
                loops.get(i).join(5_000 / loops.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loops.forEach(Thread::interrupt);
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** One turn of a loop. */
    @FunctionalInterface
    interface Step {
        void run() throws InterruptedException;
    }
}

package com.mctb.workflow.service;

import com.mctb.kit.kafka.Failures;
import com.mctb.workflow.config.WorkflowConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Looks for due runs every {@code mctb.workflow.timers.poll-interval} (sub-second by default) and fires them, batch
 * after batch while full batches come. Runs on its own thread rather than as a quarkus-scheduler job: the scheduler's
 * in-memory implementation checks its triggers once a second (SimpleScheduler.CHECK_PERIOD), so a shorter interval
 * is not possible with it, and Quartz would bring a thread pool and job store for one loop. A run waiting when the
 * service stops is simply found due when it (or any other instance) is back.
 */
@ApplicationScoped
public class DueRunPoller {

    private static final Logger LOG = Logger.getLogger(DueRunPoller.class);

    @Inject
    DueRuns dueRuns;

    @Inject
    WorkflowConfig config;

    private volatile boolean running;
    private Thread thread;

    void start(@Observes StartupEvent startup) {
        if (!config.timers().enabled()) {
            LOG.info("firing due runs is off on this instance (mctb.workflow.timers.enabled=false)");
            return;
        }
        running = true;
        thread = new Thread(this::loop, "due-run-poller");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        long interval = config.timers().pollInterval().toMillis();
        int batch = config.timers().batchSize();
        long backoff = 0;
        long lastWarning = 0;
        while (running) {
            try {
                if (backoff > 0) {
                    TimeUnit.MILLISECONDS.sleep(backoff);
                }
                int fired = dueRuns.fireDue(batch);
                backoff = 0;
                if (fired < batch) {
                    TimeUnit.MILLISECONDS.sleep(interval);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                backoff = Math.min(5_000, Math.max(interval, backoff * 2));
                if (System.currentTimeMillis() - lastWarning > 10_000) {
                    lastWarning = System.currentTimeMillis();
                    LOG.warnf("cannot fire due runs yet, retrying in %d ms: %s", backoff, Failures.describe(e));
                }
            }
        }
    }
}

package com.mctb.gateway.calls;

import com.mctb.kit.kafka.Failures;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import com.mctb.gateway.config.GatewayConfig;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Records that a person took the call, as durably as a missed call is reported (see {@link MissedCallPublisher}):
 * through {@link OutcomeWriter}, or, if that has not committed within {@code mctb.gateway.write-deadline} (the
 * database away or slow, the queue full, the batch's write failed), on {@link MissedCallSpool}, forced to disk and
 * written to the database from there. Its row is what keeps {@link EndedCalls} from reporting the call as missed (and
 * texting someone who just talked to the business); while the decision is on the spool, the spool's
 * {@link MissedCallSpool#holds} does.
 */
@ApplicationScoped
public class AnsweredCallRecorder {

    private static final Logger LOG = Logger.getLogger(AnsweredCallRecorder.class);

    @Inject
    OutcomeWriter writer;

    @Inject
    MissedCallSpool spool;

    @Inject
    GatewayConfig config;

    @Inject
    MeterRegistry registry;

    /** Completes once the decision is written or on disk; a disk that refuses it too is logged, not thrown. */
    public CompletionStage<Void> record(CallOutcomes.Decision answered) {
        OutcomeWriter.Pending pending = writer.submit(answered);
        return pending.result().copy()
                .orTimeout(config.writeDeadline().toMillis(), TimeUnit.MILLISECONDS)
                .handle((won, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    pending.abandon(); // one the writer took already is written anyway; the spool's copy finds its row
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    LOG.warnf("call %s answered: not recorded in the database in time (%s); spooled to disk",
                            answered.callSid(), cause instanceof TimeoutException
                                    ? "over " + config.writeDeadline().toMillis() + " ms" : Failures.describe(cause));
                    return spool.appendAnswered(answered).handle((onDisk, diskFailure) -> {
                        if (diskFailure != null) {
                            LOG.errorf("call %s answered: not recorded, the spool refused it too (%s)",
                                    answered.callSid(), Failures.describe(diskFailure));
                        } else {
                            registry.counter("mctb.calls.answered.fallback", "path", "spool").increment();
                        }
                        return (Void) null;
                    });
                })
                .thenCompose(Function.identity());
    }
}

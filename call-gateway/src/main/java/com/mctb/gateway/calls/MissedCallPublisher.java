package com.mctb.gateway.calls;

import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.phone.PhoneNumbers;
import com.mctb.gateway.config.GatewayConfig;
import com.mctb.kit.kafka.Failures;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Reports a missed call so that it is never lost and its webhook is answered in time, whatever is down or slow:
 * <ol>
 *   <li>normally through {@link OutcomeWriter} (the CallSid's row and the outbox, group-committed with the other
 *       webhooks of the moment; Kafka may be away);
 *   <li>if that has not committed within {@code mctb.gateway.write-deadline} (the database is away, slow, or the
 *       writer's queue is full), to {@link MissedCallSpool}, forced to disk, and reported from there within seconds
 *       (to the database, or straight to Kafka while the database is away).
 * </ol>
 * The future completes once the call is durable in one of the two; it fails only if the local disk refuses it.
 */
@ApplicationScoped
public class MissedCallPublisher {

    private static final Logger LOG = Logger.getLogger(MissedCallPublisher.class);

    @Inject
    OutcomeWriter writer;

    @Inject
    MissedCallSpool spool;

    @Inject
    GatewayConfig config;

    @Inject
    MeterRegistry registry;

    /** Completes with true when this call reported it (false: reported before), once it is kept durably. */
    public CompletionStage<Boolean> report(CallMissed missed) {
        OutcomeWriter.Pending pending = writer.submit(CallOutcomes.Decision.missed(missed));
        return pending.result().copy()
                .orTimeout(config.writeDeadline().toMillis(), TimeUnit.MILLISECONDS)
                .handle((reported, failure) -> {
                    if (failure == null) {
                        if (reported) {
                            LOG.infof("call %s missed (%s) from %s to account %s", missed.callSid(),
                                    missed.dialStatus().twilioName(), PhoneNumbers.mask(missed.from()), missed.accountId());
                        }
                        return CompletableFuture.completedFuture(reported);
                    }
                    pending.abandon();
                    Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    LOG.warnf("call %s missed (%s) from %s to account %s: not recorded in the database in time (%s);"
                                    + " spooled to disk", missed.callSid(), missed.dialStatus().twilioName(),
                            PhoneNumbers.mask(missed.from()), missed.accountId(),
                            cause instanceof TimeoutException ? "over " + config.writeDeadline().toMillis() + " ms"
                                    : Failures.describe(cause));
                    return spool.append(missed).thenApply(onDisk -> {
                        registry.counter("mctb.calls.missed.fallback", "path", "spool").increment();
                        return true;
                    });
                })
                .thenCompose(Function.identity());
    }
}

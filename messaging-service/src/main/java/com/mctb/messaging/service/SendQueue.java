package com.mctb.messaging.service;

import com.mctb.contracts.event.Channel;
import com.mctb.contracts.event.MessageRejected;
import com.mctb.kit.kafka.Failures;
import com.mctb.kit.tracing.Traces;
import com.mctb.kit.twilio.TwilioWebhookConfig;
import com.mctb.messaging.config.MessagingConfig;
import com.mctb.messaging.domain.NumberType;
import com.mctb.messaging.domain.NumberTypes;
import com.mctb.messaging.domain.SendingRate;
import com.mctb.messaging.metrics.MessagingMetrics;
import com.mctb.messaging.twilio.TwilioMessages;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Where recorded texts wait for their number's rate, are claimed, and go to Twilio, once each:
 * <pre>
 *  intake (Kafka batch, committed) ──▶ rate limit per sending number (a reservation; a timer holds the wait)
 *      ──▶ claim PENDING→SENDING (one transaction for all texts due, committed before any request)
 *      ──▶ bounded pool of senders: Twilio SDK, one request per attempt
 *      ──▶ retry on 429/5xx/no answer: SmallRye Fault Tolerance, exponential back-off with jitter, each retry back
 *          through the number's rate; after no answer, Twilio is asked whether it took the text before sending again
 *      ──▶ outcomes recorded in one transaction per batch: status, usage ledger, sms.events through the outbox
 * </pre>
 * Texts the intake could send at once are claimed in the intake's own transaction and skip the claim step. The
 * consumer thread never waits for Twilio; it only waits when {@code max-in-flight} texts are unsettled.
 */
@ApplicationScoped
public class SendQueue {

    private static final Logger LOG = Logger.getLogger(SendQueue.class);
    private static final int BATCH = 500;

    @Inject
    MessagingConfig config;

    @Inject
    TwilioWebhookConfig webhooks;

    @Inject
    TwilioMessages twilio;

    @Inject
    MessageOutcomes outcomes;

    @Inject
    MessagingMetrics metrics;

    @Inject
    MeterRegistry registry;

    @Inject
    AfterCommit afterCommit;

    @Inject
    Tracer tracer;

    private final SendingRate rate = new SendingRate();
    private final Map<UUID, OutgoingText> inFlight = new ConcurrentHashMap<>();
    private final BlockingQueue<OutgoingText> toClaim = new LinkedBlockingQueue<>();
    private final BlockingQueue<Settled> toRecord = new LinkedBlockingQueue<>();
    private final Object capacity = new Object();
    private NumberTypes numberTypes;
    private ScheduledExecutorService timer;
    private ThreadPoolExecutor senders;
    private TypedGuard<CompletionStage<TwilioMessages.Created>> guard;
    private String statusCallbackBase;
    private volatile boolean running;
    private Thread claimer;
    private Thread recorder;

    void start(@Observes StartupEvent startup) {
        MessagingConfig.Sending sending = config.sending();
        numberTypes = new NumberTypes(config.rateLimit().numbers(), config.rateLimit().tollFreePrefixes());
        timer = Executors.newSingleThreadScheduledExecutor(daemon("send-timer"));
        senders = new ThreadPoolExecutor(sending.senders(), sending.senders(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemon("twilio-sender"));
        guard = TypedGuard.create(new TypeLiteral<CompletionStage<TwilioMessages.Created>>() {
                })
                .withDescription("twilio-create-message")
                .withRetry()
                .maxRetries(sending.maxRetries())
                .delay(sending.initialDelay().toMillis(), ChronoUnit.MILLIS)
                .jitter(sending.jitter().toMillis(), ChronoUnit.MILLIS)
                .maxDuration(sending.maxDuration().toMillis(), ChronoUnit.MILLIS)
                .whenException(SendQueue::worthRetrying)
                .beforeRetry((Throwable e) -> metrics.retry(retryReason(e)))
                .withExponentialBackoff().factor(2).maxDelay(sending.maxDelay().toMillis(), ChronoUnit.MILLIS).done()
                .done()
                .build();
        statusCallbackBase = webhooks.publicBaseUrl().orElse("").replaceAll("/+$", "") + "/twilio/messaging/status?m=";
        Gauge.builder("mctb.send.in.flight", inFlight, Map::size)
                .description("Texts recorded and not yet settled (waiting for their rate, being sent, being recorded)")
                .register(registry);
        running = true;
        claimer = loop("send-claimer", this::claimDue);
        recorder = loop("send-recorder", this::recordSettled);
        timer.scheduleWithFixedDelay(() -> rate.forgetIdle(System.nanoTime()), 1, 1, TimeUnit.MINUTES);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        senders.shutdown();
        try {
            senders.awaitTermination(5, TimeUnit.SECONDS);
            recorder.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        claimer.interrupt();
        recorder.interrupt();
    }

    /**
     * Reserves the next slot of the text's sending number (call while recording the text) and returns how long to
     * wait for it; 0 means the text may be claimed and sent at once.
     */
    public long reserve(Channel channel, String from) {
        NumberType type = numberTypes.of(channel, from);
        MessagingConfig.RateLimit limits = config.rateLimit();
        double perSecond = switch (type) {
            case LONG_CODE -> limits.longCode();
            case TOLL_FREE -> limits.tollFree();
            case SHORT_CODE -> limits.shortCode();
            case WHATSAPP -> limits.whatsapp();
        };
        return rate.reserve(from, perSecond, limits.burst(), System.nanoTime());
    }

    /**
     * Hands a text recorded in the current transaction to the senders once the transaction commits: at once when it
     * was claimed with it, else at its slot through the claim.
     */
    public void afterCommit(OutgoingText text, long waitNanos) {
        // Held before the commit: from the moment its row is visible, this instance's recovery knows the text is
        // being worked on here, however long the commit took (a recovered copy would be a second sender).
        inFlight.put(text.id(), text);
        afterCommit.run(() -> {
            if (text.claimedAt() != null) {
                deliver(new Delivery(text, false, true));
            } else {
                claimAt(text, waitNanos);
            }
        }, () -> settledElsewhere(text.id()));
    }

    /** PENDING texts recovery found unattended: through the rate limit and the claim. */
    public void resumePending(List<OutgoingText> texts) {
        for (OutgoingText text : texts) {
            if (inFlight.putIfAbsent(text.id(), text) == null) {
                claimAt(text, reserve(text.channel(), text.from()));
            }
        }
    }

    /**
     * SENDING texts whose sender stopped with the outcome unknown (recovery holds their lease): Twilio is asked first
     * whether it took each; only a text Twilio does not have is sent.
     */
    public void resumeUnknown(List<OutgoingText> texts) {
        for (OutgoingText text : texts) {
            if (inFlight.putIfAbsent(text.id(), text) == null) {
                deliver(new Delivery(text, true, false));
            }
        }
    }

    /** The texts this instance is working on: recovery leaves them alone. */
    public Set<UUID> inFlight() {
        return Set.copyOf(inFlight.keySet());
    }

    /** Blocks the consumer while too many texts are unsettled, so Kafka is read no faster than Twilio takes texts. */
    public void awaitCapacity() {
        int max = config.sending().maxInFlight();
        synchronized (capacity) {
            while (running && inFlight.size() >= max) {
                try {
                    capacity.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void claimAt(OutgoingText text, long waitNanos) {
        if (waitNanos <= 0) {
            toClaim.add(text);
            return;
        }
        long queuedAt = System.nanoTime();
        timer.schedule(() -> {
            metrics.rateLimitWait(Duration.ofNanos(System.nanoTime() - queuedAt));
            toClaim.add(text);
        }, waitNanos, TimeUnit.NANOSECONDS);
    }

    /** The claimer: every text whose slot came, claimed in one transaction, then sent. */
    private void claimDue() throws InterruptedException {
        List<OutgoingText> due = drain(toClaim);
        Map<UUID, OutgoingText> byId = new HashMap<>();
        due.forEach(t -> byId.put(t.id(), t));
        Map<UUID, Instant> claimed;
        try {
            claimed = untilStored(() -> outcomes.claim(byId.keySet()));
        } catch (RuntimeException e) {
            // Not an outage: let go of them (still PENDING), so recovery sends them once their lease runs out.
            LOG.errorf(e, "could not claim %d text(s); left PENDING for recovery", due.size());
            due.forEach(t -> settledElsewhere(t.id()));
            return;
        }
        for (OutgoingText text : due) {
            Instant at = claimed.get(text.id());
            if (at == null) {
                settledElsewhere(text.id());
            } else {
                deliver(new Delivery(text.claimed(at), false, true));
            }
        }
    }

    /** One text through the guard: retries with back-off, each attempt in the sender pool. */
    private void deliver(Delivery d) {
        CompletionStage<TwilioMessages.Created> result;
        try {
            result = guard.get(() -> attempt(d));
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((created, error) -> settle(d, created, error));
    }

    private CompletionStage<TwilioMessages.Created> attempt(Delivery d) {
        int n = d.attempts.incrementAndGet();
        // Every request counts against the number's rate; the first one's slot was reserved when it was recorded.
        long wait = n == 1 && d.slotReserved ? 0 : reserve(d.text.channel(), d.text.from());
        if (d.outcomeUnknown && d.unknownSince != 0) {
            // Twilio's list may lag its creation by a moment: ask only once it would show the text.
            wait = Math.max(wait, d.unknownSince + config.sending().lookupDelay().toNanos() - System.nanoTime());
        }
        CompletableFuture<TwilioMessages.Created> attempt = new CompletableFuture<>();
        Runnable send = () -> {
            try {
                attempt.complete(call(d));
            } catch (Throwable e) {
                attempt.completeExceptionally(e);
            }
        };
        try {
            if (wait <= 0) {
                senders.execute(send);
            } else {
                timer.schedule(() -> {
                    try {
                        senders.execute(send);
                    } catch (RejectedExecutionException e) {
                        attempt.completeExceptionally(e);
                    }
                }, wait, TimeUnit.NANOSECONDS);
            }
        } catch (RejectedExecutionException e) {
            attempt.completeExceptionally(e);
        }
        return attempt;
    }

    /** One request to Twilio; after an unknown outcome, Twilio's list is read first. */
    private TwilioMessages.Created call(Delivery d) {
        OutgoingText text = d.text;
        if (d.outcomeUnknown) {
            Optional<TwilioMessages.Listed> taken;
            try {
                taken = takenByTwilio(text);
            } catch (TwilioMessages.Refused lookup) {
                metrics.twilioError(lookup.label());
                throw TwilioMessages.Refused.stillUnknown(lookup);
            }
            if (taken.isPresent()) {
                d.adopted = true;
                LOG.infof("command %s: Twilio had taken it as %s; not sent again", text.commandId(), taken.get().sid());
                return new TwilioMessages.Created(taken.get().sid(), taken.get().status(), null);
            }
            d.outcomeUnknown = false;
        }
        long started = System.nanoTime();
        // The request to Twilio in the trace of the missed call (service-kit's TwilioApiHttpClient sends this span as
        // traceparent).
        try (Traces.Active span = Traces.start(tracer, "twilio create message", SpanKind.CLIENT,
                Traces.parse(text.traceparent()))) {
            span.attribute("mctb.command_id", text.commandId()).attribute("mctb.channel", text.channel().name());
            return twilio.create(text.twilioAccountSid(), text.channel(), text.from(), text.to(), text.body(),
                    statusCallbackBase + text.id());
        } catch (TwilioMessages.Refused refused) {
            metrics.twilioError(refused.label());
            if (refused.outcome() == TwilioMessages.Outcome.UNKNOWN) {
                d.outcomeUnknown = true;
                d.unknownSince = System.nanoTime();
            }
            LOG.debugf("command %s attempt %d: %s", text.commandId(), d.attempts.get(), refused.getMessage());
            throw refused;
        } finally {
            metrics.twilioRequest(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /**
     * The text as Twilio lists it, when Twilio took it: same sender, recipient and body, created since the claim
     * (less a margin for clocks and Twilio's whole-second dates), and not recorded for another text.
     */
    private Optional<TwilioMessages.Listed> takenByTwilio(OutgoingText text) {
        Instant since = (text.claimedAt() == null ? Instant.now() : text.claimedAt()).minus(Duration.ofMinutes(2));
        List<TwilioMessages.Listed> candidates = twilio.sentTo(text.twilioAccountSid(), text.channel(), text.from(),
                        text.to()).stream()
                .filter(m -> text.body().equals(m.body()))
                .filter(m -> m.createdAt() != null && !m.createdAt().isBefore(since))
                .toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Set<String> known = outcomes.knownSids(candidates.stream().map(TwilioMessages.Listed::sid).toList());
        return candidates.stream().filter(m -> !known.contains(m.sid()))
                .min(Comparator.comparing(TwilioMessages.Listed::createdAt));
    }

    private void settle(Delivery d, TwilioMessages.Created created, Throwable error) {
        OutgoingText text = d.text;
        if (error == null) {
            Instant acceptedAt = Instant.now();
            if (!d.adopted && text.missedAt() != null) {
                metrics.speedToLead(text.channel(), Duration.between(text.missedAt(), acceptedAt));
            }
            toRecord.add(new Accepted(text, created.sid(), acceptedAt));
            return;
        }
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (cause instanceof TwilioMessages.Refused refused) {
            switch (refused.outcome()) {
                case FINAL -> toRecord.add(new Failed(text, refused.code(), refused.getMessage()));
                case WHATSAPP_SESSION_CLOSED -> whatsAppSessionClosed(d, refused);
                case NOT_TAKEN -> toRecord.add(new Failed(text, refused.code(),
                        "not sent after " + d.attempts.get() + " attempts: " + refused.getMessage()));
                case UNKNOWN -> {
                    // Never sent again blindly: left SENDING for recovery, which asks Twilio once the lease expires.
                    LOG.warnf("command %s: Twilio's answer unknown after %d attempts; left for reconciliation",
                            text.commandId(), d.attempts.get());
                    settledElsewhere(text.id());
                }
            }
            return;
        }
        LOG.errorf(cause, "command %s: sending stopped (%s); left for recovery", text.commandId(), Failures.describe(cause));
        settledElsewhere(text.id());
    }

    private void whatsAppSessionClosed(Delivery d, TwilioMessages.Refused refused) {
        OutgoingText text = d.text;
        if (text.smsFallback() && text.channel() == Channel.WHATSAPP) {
            try {
                outcomes.fallBackToSms(text.id());
            } catch (RuntimeException e) {
                LOG.errorf("command %s: could not record the fall-back to SMS (%s); left for recovery", text.commandId(),
                        Failures.describe(e));
                settledElsewhere(text.id());
                return;
            }
            LOG.infof("command %s: WhatsApp refused (%s, no session); sent as SMS as its command allows", text.commandId(),
                    refused.code());
            OutgoingText sms = text.asSms();
            inFlight.put(sms.id(), sms);
            deliver(new Delivery(sms, false, false));
            return;
        }
        toRecord.add(new Rejected(text, MessageRejected.Reason.WHATSAPP_SESSION_CLOSED,
                "WhatsApp refused a free-form text outside the 24-hour session (Twilio " + refused.code() + ")"));
    }

    /** The recorder: outcomes of many texts in one transaction. */
    private void recordSettled() throws InterruptedException {
        List<Settled> batch = drain(toRecord);
        try {
            untilStored(() -> {
                outcomes.record(batch);
                return null;
            });
        } catch (RuntimeException e) {
            // One text's record fails for good (a bug, not an outage): record the others one by one.
            for (Settled one : batch) {
                try {
                    untilStored(() -> {
                        outcomes.record(List.of(one));
                        return null;
                    });
                } catch (RuntimeException single) {
                    LOG.errorf(single, "command %s: could not record its outcome; left for recovery", one.text().commandId());
                }
            }
        }
        batch.forEach(s -> settledElsewhere(s.text().id()));
    }

    /** The text leaves this instance's hands (settled, or left for recovery). */
    private void settledElsewhere(UUID id) {
        inFlight.remove(id);
        synchronized (capacity) {
            capacity.notifyAll();
        }
    }

    /** Runs a database step, waiting out a database that is away; rethrows any other failure. */
    private <T> T untilStored(java.util.function.Supplier<T> step) throws InterruptedException {
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

    private static <T> List<T> drain(BlockingQueue<T> queue) throws InterruptedException {
        List<T> batch = new ArrayList<>();
        batch.add(queue.take());
        queue.drainTo(batch, BATCH - 1);
        return batch;
    }

    private Thread loop(String name, InterruptibleStep step) {
        Thread thread = new Thread(() -> {
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
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static boolean worthRetrying(Throwable e) {
        return e instanceof TwilioMessages.Refused r
                && (r.outcome() == TwilioMessages.Outcome.NOT_TAKEN || r.outcome() == TwilioMessages.Outcome.UNKNOWN);
    }

    private static String retryReason(Throwable e) {
        if (e instanceof TwilioMessages.Refused r) {
            if (r.httpStatus() == null) {
                return r.label();
            }
            return r.httpStatus() == 429 ? "429" : r.httpStatus() >= 500 ? "5xx" : String.valueOf(r.httpStatus());
        }
        return "other";
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @FunctionalInterface
    private interface InterruptibleStep {
        void run() throws InterruptedException;
    }

    /** One text on its way through the attempts. */
    private static final class Delivery {
        final OutgoingText text;
        final boolean slotReserved;
        final AtomicInteger attempts = new AtomicInteger();
        volatile boolean outcomeUnknown;
        /** When the last request went unanswered (System.nanoTime), 0 when recovery found the outcome unknown. */
        volatile long unknownSince;
        volatile boolean adopted;

        Delivery(OutgoingText text, boolean outcomeUnknown, boolean slotReserved) {
            this.text = text;
            this.outcomeUnknown = outcomeUnknown;
            this.slotReserved = slotReserved;
        }
    }

    /** What became of a text, to be recorded. */
    public sealed interface Settled permits Accepted, Failed, Rejected {
        OutgoingText text();
    }

    /** Twilio took it. */
    public record Accepted(OutgoingText text, String sid, Instant acceptedAt) implements Settled {
    }

    /** Twilio refused it for good, or never took it after every retry. */
    public record Failed(OutgoingText text, Integer code, String message) implements Settled {
    }

    /** We do not send it. */
    public record Rejected(OutgoingText text, MessageRejected.Reason reason, String detail) implements Settled {
    }
}

package com.mctb.workflow.metrics;

import com.mctb.contracts.event.Channel;
import com.mctb.contracts.event.MessageCause;
import com.mctb.workflow.domain.engine.RunOutcome;
import com.mctb.workflow.domain.journey.JourneyKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's meters, all prefixed {@code mctb.workflow.}, labelled only with values from small fixed sets
 * (outcome, decision kind, channel, cause): never a phone number, account, call or run id.
 */
@ApplicationScoped
public class WorkflowMetrics {

    @Inject
    MeterRegistry registry;

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final AtomicLong waitsPending = new AtomicLong();
    private final AtomicLong timersOverdue = new AtomicLong();

    @PostConstruct
    void gauges() {
        Gauge.builder("mctb.workflow.waits.pending", waitsPending, AtomicLong::get)
                .description("Runs waiting (durable timers not yet fired)").register(registry);
        Gauge.builder("mctb.workflow.timers.overdue", timersOverdue, AtomicLong::get)
                .description("Waiting runs whose due time has passed but that have not fired yet").register(registry);
        // Exported from the start, at 0, so a panel or an alert sees 0 rather than no data before the first one.
        blockedByReEntry();
    }

    public void runStarted() {
        counter("mctb.workflow.runs.started", "Workflow runs started by a missed call").increment();
    }

    public void runBlockedByReEntry() {
        blockedByReEntry().increment();
    }

    private Counter blockedByReEntry() {
        return counter("mctb.workflow.runs.blocked", "Missed calls that did not enter a workflow because the caller was "
                + "already inside it", "reason", "re_entry");
    }

    public void runFinished(RunOutcome outcome) {
        counter("mctb.workflow.runs.finished", "Workflow runs finished, by outcome", "outcome", outcome.label())
                .increment();
    }

    public void commandPublished(Channel channel, MessageCause cause) {
        counter("mctb.workflow.commands.published", "SendMessage commands written to sms.commands (via the outbox)",
                "channel", channel.name().toLowerCase(Locale.ROOT), "cause", cause.name().toLowerCase(Locale.ROOT))
                .increment();
    }

    public void decision(JourneyKind kind) {
        counter("mctb.workflow.decisions", "Decisions on missed calls' journeys, by kind", "kind", kind.label())
                .increment();
    }

    public void timersFired(int count) {
        counter("mctb.workflow.timers.fired", "Waits that came due and were fired").increment(count);
    }

    public void waits(long pending, long overdue) {
        waitsPending.set(pending);
        timersOverdue.set(overdue);
    }

    private Counter counter(String name, String description, String... tags) {
        return counters.computeIfAbsent(name + "/" + String.join("/", tags),
                k -> Counter.builder(name).description(description).tags(tags).register(registry));
    }
}

package com.mctb.messaging.metrics;

import com.mctb.contracts.event.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's meters, all prefixed {@code mctb.}, with labels of bounded cardinality only (channel, status, Twilio
 * error code, endpoint, outcome): never a phone number, SID or account.
 */
@ApplicationScoped
public class MessagingMetrics {

    @Inject
    MeterRegistry registry;

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    /**
     * The meters that only move when something goes wrong (or under load) are exported from the start, at 0: a
     * dashboard panel shows 0 rather than "no data", and an alert on their rate sees 0 rather than nothing.
     */
    void registerRareMeters(@Observes StartupEvent start) {
        rateLimitWaitTimer();
        for (String code : new String[] {"20429", "timeout", "connection"}) {
            counter("mctb.twilio.errors", "Errors from Twilio's Messages API by Twilio error code", "code", code);
        }
        for (String reason : new String[] {"429", "5xx", "timeout", "connection"}) {
            counter("mctb.twilio.retries", "Requests to Twilio tried again after a back-off", "reason", reason);
        }
        for (Channel channel : Channel.values()) {
            counter("mctb.opt.outs", "Contacts who opted out (STOP, ...)", "channel", channel(channel));
            counter("mctb.opt.ins", "Contacts who opted back in (START, ...)", "channel", channel(channel));
        }
        counter("mctb.limit.rejections", "Texts not sent because the account's monthly limit was used up");
    }

    /** A text reached a status: accepted, sent, delivered, undelivered, failed, rejected. */
    public void text(Channel channel, String status) {
        counter("mctb.texts", "Texts by channel and the status they reached", "channel", channel(channel), "status", status)
                .increment();
    }

    /** Twilio answered an error (its code, or "timeout"/"connection" when it did not answer). */
    public void twilioError(String code) {
        counter("mctb.twilio.errors", "Errors from Twilio's Messages API by Twilio error code", "code", code).increment();
    }

    /** A request to Twilio is tried again (reason: 429, 5xx, timeout, connection). */
    public void retry(String reason) {
        counter("mctb.twilio.retries", "Requests to Twilio tried again after a back-off", "reason", reason).increment();
    }

    public void optOut(Channel channel) {
        counter("mctb.opt.outs", "Contacts who opted out (STOP, ...)", "channel", channel(channel)).increment();
    }

    public void optIn(Channel channel) {
        counter("mctb.opt.ins", "Contacts who opted back in (START, ...)", "channel", channel(channel)).increment();
    }

    public void limitRejection() {
        counter("mctb.limit.rejections", "Texts not sent because the account's monthly limit was used up").increment();
    }

    public void segments(Channel channel, int segments) {
        counter("mctb.segments", "Segments metered in the usage ledger", "channel", channel(channel)).increment(segments);
    }

    public void webhook(String endpoint, String outcome) {
        counter("mctb.webhooks", "Twilio webhooks by endpoint and outcome", "endpoint", endpoint, "outcome", outcome)
                .increment();
    }

    /** From the missed call to Twilio's acceptance of its text. */
    public void speedToLead(Channel channel, Duration duration) {
        timers.computeIfAbsent("stl/" + channel, k -> Timer.builder("mctb.speed.to.lead")
                .description("From the missed call (missedAt) to Twilio accepting its text")
                .tag("channel", channel(channel))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry)).record(duration);
    }

    /** From the command's requestedAt (when workflow-service published it) to this service recording it. */
    public void intakeDelay(Duration delay) {
        timer("mctb.commands.intake.delay", "From a SendMessage's requestedAt to its intake here").record(delay);
    }

    /** One request to Twilio's Messages API, whatever its answer. */
    public void twilioRequest(Duration duration) {
        timer("mctb.twilio.request", "Duration of one request to Twilio's Messages API").record(duration);
    }

    /** How long a text waited for its number's rate limit. */
    public void rateLimitWait(Duration wait) {
        rateLimitWaitTimer().record(wait);
    }

    private Timer rateLimitWaitTimer() {
        return timers.computeIfAbsent("wait", k -> Timer.builder("mctb.rate.limit.wait")
                .description("Time a text waited for its sending number's rate")
                .register(registry));
    }

    private Timer timer(String name, String description) {
        return timers.computeIfAbsent(name, k -> Timer.builder(name).description(description).register(registry));
    }

    private Counter counter(String name, String description, String... tags) {
        return counters.computeIfAbsent(name + String.join("/", tags),
                k -> Counter.builder(name).description(description).tags(tags).register(registry));
    }

    private static String channel(Channel channel) {
        return channel == null ? "unknown" : channel.name().toLowerCase(Locale.ROOT);
    }
}

package com.mctb.contracts;

import com.mctb.contracts.event.BusinessProfileChanged;
import com.mctb.contracts.event.CallAnswered;
import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.CallSettingsChanged;
import com.mctb.contracts.event.Event;
import com.mctb.contracts.event.SendMessage;
import com.mctb.contracts.event.SmsEvent;
import com.mctb.contracts.event.VoicemailRecorded;
import com.mctb.contracts.event.VoicemailTranscribed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every Kafka topic the services share, as DESIGN.md lists them: its partitioning, retention, key, which service
 * writes it, which read it and the events it carries. Keys keep one caller's events in order on one partition
 * ({@link Keys}). The AsyncAPI document ({@code contracts/asyncapi.yaml}) is generated from this list and the event
 * records; the services check it too: the outbox refuses an event on a topic that does not carry it, and a service
 * whose configuration reads a topic it is not listed as a consumer of does not start in tests.
 */
public final class Topics {

    /** Effective call settings per account and per number; compacted, so it is also the current state. */
    public static final String SETTINGS_CALL = "settings.call";
    /** Business profile per account (name, time zone, hours, numbers, legacy toggle); compacted. */
    public static final String SETTINGS_BUSINESS = "settings.business";
    /** {@link com.mctb.contracts.event.CallMissed}, keyed accountId/callerE164. */
    public static final String CALLS_MISSED = "calls.missed";
    /** {@link com.mctb.contracts.event.CallAnswered}, keyed accountId/callerE164: for the contact's conversation. */
    public static final String CALLS_ANSWERED = "calls.answered";
    /**
     * {@link com.mctb.contracts.event.VoicemailRecorded} and, later, its
     * {@link com.mctb.contracts.event.VoicemailTranscribed}, keyed accountId/callerE164.
     */
    public static final String CALLS_VOICEMAIL = "calls.voicemail";
    /** {@link com.mctb.contracts.event.SendMessage}, keyed accountId/recipientE164. */
    public static final String SMS_COMMANDS = "sms.commands";
    /** {@link com.mctb.contracts.event.SmsEvent}s, keyed accountId/recipientE164. */
    public static final String SMS_EVENTS = "sms.events";

    /** Suffix of the topic a consumer sends a record to when it can never handle it. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    /** The services, by their {@code quarkus.application.name} (also each record's CloudEvents {@code ce_source}). */
    public static final String SETTINGS_SERVICE = "settings-service";
    public static final String CALL_GATEWAY = "call-gateway";
    public static final String WORKFLOW_SERVICE = "workflow-service";
    public static final String MESSAGING_SERVICE = "messaging-service";

    /** How long a record stays on a topic that is not compacted (Kafka's own default, stated). */
    public static final Duration RETENTION = Duration.ofDays(7);
    /** How long a dead letter stays, so an operator back from a long weekend still finds it. */
    public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(28);

    /** The topics events travel on, without their dead-letter topics. */
    public static final List<TopicSpec> EVENT_TOPICS = List.of(
            topic(SETTINGS_CALL, 3).compact().key("accountId, or accountId/numberE164 for a number's own settings")
                    .producedBy(SETTINGS_SERVICE).consumedBy(CALL_GATEWAY).carrying(CallSettingsChanged.class),
            topic(SETTINGS_BUSINESS, 3).compact().key("accountId")
                    .producedBy(SETTINGS_SERVICE).consumedBy(WORKFLOW_SERVICE, MESSAGING_SERVICE)
                    .carrying(BusinessProfileChanged.class),
            topic(CALLS_MISSED, 6).key("accountId/callerE164")
                    .producedBy(CALL_GATEWAY).consumedBy(WORKFLOW_SERVICE).carrying(CallMissed.class),
            topic(CALLS_ANSWERED, 3).key("accountId/callerE164")
                    .producedBy(CALL_GATEWAY).consumedBy(WORKFLOW_SERVICE).carrying(CallAnswered.class),
            topic(CALLS_VOICEMAIL, 6).key("accountId/callerE164")
                    .producedBy(CALL_GATEWAY).consumedBy(WORKFLOW_SERVICE)
                    .carrying(VoicemailRecorded.class, VoicemailTranscribed.class),
            topic(SMS_COMMANDS, 6).key("accountId/recipientE164")
                    .producedBy(WORKFLOW_SERVICE).consumedBy(MESSAGING_SERVICE).carrying(SendMessage.class),
            topic(SMS_EVENTS, 6).key("accountId/recipientE164, or accountId for an account's own events")
                    .producedBy(MESSAGING_SERVICE).consumedBy(WORKFLOW_SERVICE).carrying(SmsEvent.class));

    /** The topics with their partitioning, created by whichever service starts first: each event topic and its DLQ. */
    public static final List<TopicSpec> ALL = Stream.concat(EVENT_TOPICS.stream(),
            EVENT_TOPICS.stream().map(TopicSpec::deadLetterTopic)).toList();

    /** {@link #refusal}'s answers, by topic and event type. */
    private static final java.util.Map<String, Optional<String>> REFUSALS = new java.util.concurrent.ConcurrentHashMap<>();

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** The topic a dead-letter topic collects from ({@code calls.missed.dlq} → {@code calls.missed}). */
    public static Optional<String> sourceOfDeadLetters(String topic) {
        return topic.endsWith(DEAD_LETTER_SUFFIX)
                ? Optional.of(topic.substring(0, topic.length() - DEAD_LETTER_SUFFIX.length())) : Optional.empty();
    }

    public static Optional<TopicSpec> spec(String topic) {
        return ALL.stream().filter(spec -> spec.name().equals(topic)).findFirst();
    }

    /**
     * Why {@code event} may not be published on {@code topic} (empty: it may). A topic that lists no events (declared
     * with the short constructor) takes any.
     */
    public static Optional<String> refusal(String topic, Event event) {
        // Asked for every event published (the outbox checks each): the answer per topic and type is kept.
        return REFUSALS.computeIfAbsent(topic + '\0' + event.getClass().getName(), k -> refusal(topic, event.getClass()));
    }

    private static Optional<String> refusal(String topic, Class<? extends Event> type) {
        Optional<TopicSpec> spec = spec(topic);
        if (spec.isEmpty()) {
            return Optional.of(topic + " is not one of Topics.ALL");
        }
        List<Class<? extends Event>> carried = spec.get().events();
        if (carried.isEmpty() || carried.contains(type)) {
            return Optional.empty();
        }
        return Optional.of(topic + " does not carry " + type.getSimpleName()
                + ": add it to the topic's carrying(...) in Topics.EVENT_TOPICS (the AsyncAPI document is generated"
                + " from it)");
    }

    /** A topic of {@code partitions} partitions, not compacted, kept {@link #RETENTION}; the rest is added with withers. */
    public static TopicSpec topic(String name, int partitions) {
        return new TopicSpec(name, partitions, false);
    }

    /**
     * A topic: its name, partition count, whether it is log-compacted (then the latest record per key is kept, with no
     * time limit) and otherwise how long records are kept; what its key is, the service that writes it, the services
     * that read it, and the events it carries (a sealed family, such as {@link SmsEvent}, stands for every event it
     * permits).
     */
    public record TopicSpec(String name, int partitions, boolean compacted, Duration retention, String key,
            String producer, List<String> consumers, List<Class<? extends Event>> carries) {

        public TopicSpec {
            consumers = consumers == null ? List.of() : List.copyOf(consumers);
            carries = carries == null ? List.of() : List.copyOf(carries);
        }

        /** A topic with only its partitioning known (kept for code written before the rest was declared). */
        public TopicSpec(String name, int partitions, boolean compacted) {
            this(name, partitions, compacted, compacted ? null : RETENTION, null, null, List.of(), List.of());
        }

        public TopicSpec compact() {
            return new TopicSpec(name, partitions, true, null, key, producer, consumers, carries);
        }

        public TopicSpec retainedFor(Duration duration) {
            return new TopicSpec(name, partitions, compacted, duration, key, producer, consumers, carries);
        }

        public TopicSpec key(String description) {
            return new TopicSpec(name, partitions, compacted, retention, description, producer, consumers, carries);
        }

        public TopicSpec producedBy(String service) {
            return new TopicSpec(name, partitions, compacted, retention, key, service, consumers, carries);
        }

        public TopicSpec consumedBy(String... services) {
            return new TopicSpec(name, partitions, compacted, retention, key, producer, List.of(services), carries);
        }

        @SafeVarargs
        public final TopicSpec carrying(Class<? extends Event>... events) {
            return new TopicSpec(name, partitions, compacted, retention, key, producer, consumers, List.of(events));
        }

        public boolean isDeadLetter() {
            return name.endsWith(DEAD_LETTER_SUFFIX);
        }

        /** The event records on this topic, each sealed family expanded to the records it permits. */
        public List<Class<? extends Event>> events() {
            Set<Class<? extends Event>> events = new LinkedHashSet<>();
            carries.forEach(type -> expand(type, events));
            return new ArrayList<>(events);
        }

        /**
         * Its dead-letter topic: one partition, kept {@link #DEAD_LETTER_RETENTION}, the source's key, written by any of
         * its consumers and read by operators ({@code ./mctb dlq}).
         */
        public TopicSpec deadLetterTopic() {
            return new TopicSpec(deadLetter(name), 1, false, DEAD_LETTER_RETENTION, key, null, List.of(), List.of());
        }

        @SuppressWarnings("unchecked")
        private static void expand(Class<? extends Event> type, Set<Class<? extends Event>> into) {
            if (type.isSealed()) {
                for (Class<?> permitted : type.getPermittedSubclasses()) {
                    expand((Class<? extends Event>) permitted, into);
                }
            } else if (!type.isInterface()) {
                into.add(type);
            }
        }
    }
}

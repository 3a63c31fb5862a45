package com.mctb.contracts.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every event's versioned type name ({@code CallMissed.v1}), read from {@link Event}'s {@code @JsonSubTypes}: the one
 * list of events, so an event added there is known here, in the AsyncAPI document, its schema checks and the
 * CloudEvents headers, with nothing else to register. On Kafka the type travels twice: in the JSON ({@code "type"})
 * and, prefixed, as the CloudEvents {@code ce_type} header ({@code com.mctb.CallMissed.v1}).
 */
public final class EventTypes {

    /** What a {@code ce_type} is made of: this prefix and the versioned type name. */
    public static final String CLOUD_EVENTS_PREFIX = "com.mctb.";

    private static final Map<String, Class<? extends Event>> BY_NAME;
    private static final Map<Class<?>, String> NAMES;

    static {
        Map<String, Class<? extends Event>> byName = new LinkedHashMap<>();
        Map<Class<?>, String> names = new LinkedHashMap<>();
        for (JsonSubTypes.Type type : Event.class.getAnnotation(JsonSubTypes.class).value()) {
            @SuppressWarnings("unchecked")
            Class<? extends Event> event = (Class<? extends Event>) type.value();
            byName.put(type.name(), event);
            names.put(event, type.name());
        }
        BY_NAME = Collections.unmodifiableMap(byName);
        NAMES = Collections.unmodifiableMap(names);
    }

    private EventTypes() {
    }

    /** Every event type by its versioned name, in the order {@link Event} lists them. */
    public static Map<String, Class<? extends Event>> all() {
        return BY_NAME;
    }

    /** The versioned type name, e.g. {@code CallMissed.v1}. */
    public static String name(Class<? extends Event> type) {
        String name = NAMES.get(type);
        if (name == null) {
            throw new IllegalArgumentException(type.getName() + " is not listed in Event's @JsonSubTypes");
        }
        return name;
    }

    public static Optional<Class<? extends Event>> byName(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }

    /** The CloudEvents type of an event type, e.g. {@code com.mctb.CallMissed.v1}. */
    public static String cloudEventsType(Class<? extends Event> type) {
        return CLOUD_EVENTS_PREFIX + name(type);
    }

    /** The versioned type name a {@code ce_type} names, when it names one of ours. */
    public static Optional<String> fromCloudEventsType(String ceType) {
        if (ceType == null || !ceType.startsWith(CLOUD_EVENTS_PREFIX)) {
            return Optional.empty();
        }
        String name = ceType.substring(CLOUD_EVENTS_PREFIX.length());
        return BY_NAME.containsKey(name) ? Optional.of(name) : Optional.empty();
    }
}

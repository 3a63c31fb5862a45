package com.mctb.contracts.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mctb.contracts.event.Event;

/**
 * The one JSON form of every event. Each event carries its versioned type name ({@code "type": "CallMissed.v1"}),
 * so a consumer that receives a record of another type or version rejects it instead of misreading it.
 * Unknown fields are ignored, so adding a field to an event is a compatible change.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private EventJson() {
    }

    public static String encode(Event event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + event.getClass().getSimpleName(), e);
        }
    }

    /**
     * @throws EventDecodingException when the text is not JSON, names another event type, or lacks a field the
     *                                event requires
     */
    public static <T extends Event> T decode(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new EventDecodingException("empty record where a " + type.getSimpleName() + " was expected", null);
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (Exception e) {
            throw new EventDecodingException("not a valid " + type.getSimpleName() + ": " + rootMessage(e), e);
        }
    }

    /** The record's JSON as a tree, for a check before it is decoded ({@link EventSchemas}). */
    public static JsonNode readTree(String json) {
        if (json == null || json.isBlank()) {
            throw new EventDecodingException("empty record where an event was expected", null);
        }
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new EventDecodingException("not JSON: " + rootMessage(e), e);
        }
    }

    /** {@link #decode(String, Class)} from a tree {@link #readTree} read. */
    public static <T extends Event> T decodeTree(JsonNode json, Class<T> type) {
        try {
            return MAPPER.treeToValue(json, type);
        } catch (Exception e) {
            throw new EventDecodingException("not a valid " + type.getSimpleName() + ": " + rootMessage(e), e);
        }
    }

    /**
     * A copy of the codec's mapper, for tools that must read and write exactly as the codec does (the generator of
     * the events' JSON Schemas probes what it refuses).
     */
    public static ObjectMapper mapperCopy() {
        return MAPPER.copy();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }
}

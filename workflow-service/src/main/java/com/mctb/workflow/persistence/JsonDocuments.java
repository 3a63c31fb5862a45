package com.mctb.workflow.persistence;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mctb.contracts.hours.BusinessHours;
import java.io.UncheckedIOException;

/**
 * JSON stored in this service's jsonb columns: the business's hours (in the shape {@code BusinessProfileChanged}
 * carries them) and workflow definition documents.
 */
public final class JsonDocuments {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private JsonDocuments() {
    }

    public static String hours(BusinessHours hours) {
        return hours == null ? null : write(hours);
    }

    public static BusinessHours hours(String json) {
        try {
            return json == null ? null : MAPPER.readValue(json, BusinessHours.class);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("stored business hours are not readable", e);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("a stored document is not JSON", e);
        }
    }

    /** A stored document as {@code type}, or null for none. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return json == null ? null : MAPPER.readValue(json, type);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("a stored " + type.getSimpleName() + " is not readable", e);
        }
    }
}

package com.mctb.settings.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mctb.contracts.hours.BusinessHours;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores contracts' {@link BusinessHours} record as JSON in a jsonb column, in the same shape the record has on
 * {@code settings.business}.
 */
@Converter
public class BusinessHoursColumn implements AttributeConverter<BusinessHours, String> {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Override
    public String convertToDatabaseColumn(BusinessHours hours) {
        if (hours == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(hours);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store business hours", e);
        }
    }

    @Override
    public BusinessHours convertToEntityAttribute(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, BusinessHours.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored business hours cannot be read", e);
        }
    }
}

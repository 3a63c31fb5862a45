package com.mctb.kit.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.mctb.contracts.event.Event;
import com.mctb.contracts.event.EventTypes;
import com.mctb.contracts.json.EventDecodingException;
import com.mctb.contracts.json.EventSchemas;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What every consumer does with a record before handling it (edge validation): the CloudEvents headers, when it has
 * them, must name one of our event types (an unknown type or version is refused with the reason), the JSON must be
 * that event, of the type the consumer handles, and fit the event's schema in the published AsyncAPI document
 * ({@link EventSchemas}, compiled once). {@link RecordBatchProcessor} calls it for every batch consumer.
 */
public final class IncomingRecords {

    private static final JsonFactory JSON = new JsonFactory();

    private IncomingRecords() {
    }

    /**
     * @throws EventDecodingException why the record cannot be handled as a {@code type}: it goes to the DLQ
     */
    public static <E extends Event> E decode(ConsumerRecord<String, String> record, Class<E> type) {
        String specVersion = CloudEvents.header(record.headers(), CloudEvents.SPEC_VERSION);
        if (specVersion != null && !specVersion.equals("1.0")) {
            throw new EventDecodingException("not a valid " + type.getSimpleName() + ": ce_specversion " + specVersion
                    + " (we read CloudEvents 1.0)", null);
        }
        return EventSchemas.published().decode(record.value(), CloudEvents.header(record.headers(), CloudEvents.TYPE),
                type);
    }

    /**
     * The event type a record says it is, without decoding it: its {@code ce_type} header or, for a record without
     * CloudEvents headers, the JSON's {@code "type"} (read up to that field only). Empty when it names none of ours
     * (leave such a record to {@link RecordBatchProcessor}, which dead-letters it with the reason). For consumers
     * that route on type: handle some events of a topic, skip the rest before the inbox.
     */
    public static Optional<Class<? extends Event>> typeOf(ConsumerRecord<String, String> record) {
        String ceType = CloudEvents.header(record.headers(), CloudEvents.TYPE);
        if (ceType != null) {
            return EventTypes.fromCloudEventsType(ceType).flatMap(EventTypes::byName);
        }
        return record.value() == null ? Optional.empty() : typeField(record.value()).flatMap(EventTypes::byName);
    }

    private static Optional<String> typeField(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("type")) {
                    return value == JsonToken.VALUE_STRING ? Optional.of(parser.getText()) : Optional.empty();
                }
                parser.skipChildren();
            }
            return Optional.empty();
        } catch (java.io.IOException notJson) {
            return Optional.empty();
        }
    }
}

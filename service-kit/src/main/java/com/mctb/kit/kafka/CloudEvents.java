package com.mctb.kit.kafka;

import com.mctb.contracts.event.Event;
import com.mctb.contracts.event.EventTypes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * CloudEvents 1.0 attributes of a record in Kafka headers, binary content mode (the CloudEvents Kafka protocol
 * binding): {@code ce_specversion}, {@code ce_id} (the event's id), {@code ce_type} ({@code com.mctb.CallMissed.v1}),
 * {@code ce_source} (the producing service), {@code ce_time}, and {@code content-type}; the value stays the event's
 * JSON, so nothing that reads the value changes.
 *
 * <p>Written here rather than taken from SmallRye Reactive Messaging, whose Kafka connector writes these headers only
 * for its own {@code @Outgoing} channels: our records are sent by the outbox relay and dead letters with the plain
 * Kafka producer, record by record ({@link KafkaProducers}). The CloudEvents SDK's Kafka writer makes byte-array
 * records of a {@code CloudEvent} object, which our one String producer would have to become; the binding itself is
 * these six headers.
 */
public final class CloudEvents {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";

    private static final byte[] VERSION_1_0 = "1.0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JSON = "application/json".getBytes(StandardCharsets.US_ASCII);

    private CloudEvents() {
    }

    /** Sets the attributes of {@code event} written by {@code source} at {@code time}. */
    public static void addTo(Headers headers, Event event, String source, Instant time) {
        addTo(headers, event.eventId(), EventTypes.name(event.getClass()), source, time);
    }

    /**
     * @param type the event's versioned type name ({@code CallMissed.v1}); {@code ce_type} is it with our prefix
     */
    public static void addTo(Headers headers, String id, String type, String source, Instant time) {
        set(headers, SPEC_VERSION, VERSION_1_0);
        set(headers, ID, id.getBytes(StandardCharsets.UTF_8));
        set(headers, TYPE, (EventTypes.CLOUD_EVENTS_PREFIX + type).getBytes(StandardCharsets.UTF_8));
        set(headers, SOURCE, source.getBytes(StandardCharsets.UTF_8));
        set(headers, TIME, time.toString().getBytes(StandardCharsets.US_ASCII));
        set(headers, CONTENT_TYPE, JSON);
    }

    /** A header's value as text, or null when the record has none. */
    public static String header(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static boolean present(Headers headers) {
        return headers != null && headers.lastHeader(TYPE) != null;
    }

    private static void set(Headers headers, String name, byte[] value) {
        headers.remove(name);
        headers.add(name, value);
    }
}

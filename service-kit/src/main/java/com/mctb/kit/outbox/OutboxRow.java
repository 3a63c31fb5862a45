package com.mctb.kit.outbox;

import java.time.Instant;

/**
 * One committed outbox row as the relay reads it.
 *
 * @param payload   null for a tombstone
 * @param eventId   null for a tombstone and for rows written before the outbox kept it (read from the payload then)
 * @param createdAt the event's {@code ce_time}
 */
record OutboxRow(long id, String topic, String key, String payload, String traceparent, String eventId,
        String eventType, Instant createdAt) {
}

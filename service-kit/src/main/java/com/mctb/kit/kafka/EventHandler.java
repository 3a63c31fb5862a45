package com.mctb.kit.kafka;

import com.mctb.contracts.event.Event;

/** The logic behind a consumer. Called inside a database transaction, once per event id. */
@FunctionalInterface
public interface EventHandler<E extends Event> {

    void handle(E event);

    /** A tombstone (null value) on a compacted topic: the key was deleted. */
    default void deleted(String key) {
    }
}

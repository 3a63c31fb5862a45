package com.mctb.contracts.event;

import java.util.Objects;

/** Field checks shared by the events' constructors, so a record missing a required field fails to decode. */
final class Require {

    private Require() {
    }

    static <T> T present(T value, String field) {
        return Objects.requireNonNull(value, () -> field + " is required");
    }

    static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }
}

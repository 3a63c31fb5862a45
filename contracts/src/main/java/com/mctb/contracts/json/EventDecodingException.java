package com.mctb.contracts.json;

/** A record that is not a valid event of the expected type: poison, never worth retrying. */
public class EventDecodingException extends RuntimeException {

    public EventDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}

package com.mctb.contracts.json;

import java.util.List;

/** A record that does not fit its event's JSON Schema; {@link #problems()} names each misfit by its JSON path. */
public class EventSchemaException extends EventDecodingException {

    private final List<String> problems;

    public EventSchemaException(String message, List<String> problems) {
        super(message, null);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

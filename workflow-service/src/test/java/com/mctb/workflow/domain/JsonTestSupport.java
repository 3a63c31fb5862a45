package com.mctb.workflow.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON documents written in tests. */
public final class JsonTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonTestSupport() {
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}

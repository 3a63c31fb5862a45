package com.mctb.contracts.asyncapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether an event's current schema still serves the consumers written against its last released one. Compatible:
 * a new optional field, a field no longer required, a new enum value (consumers tolerate values they do not know), a
 * description. Breaking: a field removed or renamed, a type, format, pattern or constant changed, an enum value
 * removed, a field newly required, a released event type gone. A breaking change is made as a new version of the
 * event (a {@code .v2} record beside the {@code .v1}), which has no released schema to break.
 *
 * <p>Both schemas are standalone (their records under {@code definitions}, as {@code EventSchemas.standalone} makes
 * them and {@code contracts/schemas/released/} keeps them).
 */
final class SchemaCompatibility {

    private SchemaCompatibility() {
    }

    /** Each breaking change, one line each, naming the event type and the field (empty: compatible). */
    static List<String> breaks(Map<String, JsonNode> released, Map<String, JsonNode> current) {
        List<String> breaks = new ArrayList<>();
        released.forEach((type, before) -> {
            JsonNode after = current.get(type);
            if (after == null) {
                breaks.add(type + ": the released event type is gone (keep it beside its new version for the"
                        + " documented period)");
            } else {
                compare(type, "$", before, before, after, after, breaks, new HashSet<>());
            }
        });
        return breaks;
    }

    private static void compare(String type, String path, JsonNode before, JsonNode beforeRoot, JsonNode after,
            JsonNode afterRoot, List<String> breaks, Set<String> seen) {
        JsonNode b = resolve(before, beforeRoot);
        JsonNode a = resolve(after, afterRoot);
        if (!seen.add(path + "|" + before.path("$ref").asText() + "|" + after.path("$ref").asText())) {
            return;
        }
        for (String keyword : List.of("type", "const", "format", "pattern")) {
            if (b.has(keyword) || a.has(keyword)) {
                if (!b.has(keyword) && !keyword.equals("type")) {
                    breaks.add(type + ": " + path + " now has " + keyword + " " + a.get(keyword) + " (stricter)");
                } else if (b.has(keyword) && !b.get(keyword).equals(a.get(keyword)) && a.has(keyword)) {
                    breaks.add(type + ": " + path + " " + keyword + " changed from " + b.get(keyword) + " to "
                            + a.get(keyword));
                } else if (b.has(keyword) && !a.has(keyword) && keyword.equals("type")) {
                    breaks.add(type + ": " + path + " is no longer a " + b.get(keyword));
                }
            }
        }
        if (b.has("enum")) {
            Set<String> now = texts(a.path("enum"));
            for (JsonNode value : b.get("enum")) {
                if (a.has("enum") && !now.contains(value.asText())) {
                    breaks.add(type + ": " + path + " lost the value " + value);
                }
            }
        } else if (a.has("enum")) {
            breaks.add(type + ": " + path + " is now limited to " + a.get("enum"));
        }
        if (b.has("properties")) {
            JsonNode afterProperties = a.path("properties");
            for (Iterator<Map.Entry<String, JsonNode>> fields = b.get("properties").fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode now = afterProperties.get(field.getKey());
                if (now == null) {
                    breaks.add(type + ": " + path + "." + field.getKey() + " was removed (or renamed)");
                } else {
                    compare(type, path + "." + field.getKey(), field.getValue(), beforeRoot, now, afterRoot, breaks, seen);
                }
            }
        }
        Set<String> requiredBefore = texts(b.path("required"));
        for (String field : texts(a.path("required"))) {
            if (!requiredBefore.contains(field)) {
                breaks.add(type + ": " + path + "." + field + " is newly required");
            }
        }
        if (b.has("items") && a.has("items")) {
            compare(type, path + "[]", b.get("items"), beforeRoot, a.get("items"), afterRoot, breaks, seen);
        }
        if (b.path("additionalProperties").isObject() && a.path("additionalProperties").isObject()) {
            compare(type, path + ".*", b.get("additionalProperties"), beforeRoot, a.get("additionalProperties"),
                    afterRoot, breaks, seen);
        }
        if (b.has("propertyNames") && a.has("propertyNames")) {
            compare(type, path + " (keys)", b.get("propertyNames"), beforeRoot, a.get("propertyNames"), afterRoot,
                    breaks, seen);
        }
    }

    private static JsonNode resolve(JsonNode schema, JsonNode root) {
        JsonNode node = schema;
        for (int depth = 0; node.has("$ref") && depth < 20; depth++) {
            String ref = node.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException("cannot resolve " + ref);
            }
            node = root.at(ref.substring(1));
            if (node.isMissingNode()) {
                throw new IllegalStateException("dangling reference " + ref);
            }
        }
        return node;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}

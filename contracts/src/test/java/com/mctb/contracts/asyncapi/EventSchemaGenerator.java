package com.mctb.contracts.asyncapi;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mctb.contracts.event.Event;
import com.mctb.contracts.json.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON Schema of each event, generated from its record: one property per record component, typed as Jackson
 * (with the codec's own configuration) writes it. A field is <em>required</em> when the codec refuses the event
 * without it, which the generator finds out by asking the codec: it takes the event's example (its fixture under
 * {@code src/test/resources/fixtures/<type>.json}, or one made from the schema when there is none), leaves each field
 * out in turn and decodes it. So a {@code Require.text(...)} in a record's constructor, a primitive Jackson will not
 * default, or any other rule the constructor has, is what makes a field required, with nothing written twice.
 *
 * <p>Written by hand rather than with a schema generator library because the part that matters is ours: the schema
 * must say exactly what our codec accepts (its mapper, its enum spellings, its required fields), for a closed set of
 * Java types, in a stable order so the checked-in document diffs cleanly. A type it does not know fails the build.
 */
final class EventSchemaGenerator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String REF = "#/components/schemas/";

    /** The codec's mapper, reading each probed record without the type id check (its "type" is checked apart). */
    private final ObjectMapper codec = EventJson.mapperCopy();
    private final ObjectMapper plain = new ObjectMapper();

    private final Map<String, ObjectNode> schemas = new LinkedHashMap<>();
    private final Map<Class<?>, String> records = new LinkedHashMap<>();
    private final Map<String, ObjectNode> examples = new LinkedHashMap<>();
    private final Map<String, Class<? extends Event>> events = new LinkedHashMap<>();
    private final Set<String> probedRecords = new HashSet<>();

    @JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
    private interface WithoutTypeId {
    }

    /** The schemas (events first, in the order given, then the records they use) and each event's example. */
    record Generated(ObjectNode schemas, Map<String, ObjectNode> examples) {
    }

    static Generated generate(Map<String, Class<? extends Event>> types) {
        EventSchemaGenerator generator = new EventSchemaGenerator();
        types.forEach(generator::event);
        types.keySet().forEach(generator::probe);
        // A record no example holds (an optional field its fixture leaves out): probed in an example with it added.
        for (String name : types.keySet()) {
            ObjectNode enriched = generator.enriched(generator.examples.get(name), name);
            if (generator.decodes(enriched, types.get(name))) {
                generator.probeNested(enriched, generator.schemas.get(name), enriched, types.get(name), new ArrayList<>());
            }
        }
        Set<String> unprobed = new HashSet<>(generator.records.values());
        unprobed.removeAll(generator.probedRecords);
        if (!unprobed.isEmpty()) {
            throw new IllegalStateException("no event's example holds a " + unprobed + ", so which of its fields are"
                    + " required cannot be found out: put one in the fixture of an event that uses it");
        }
        ObjectNode all = NODES.objectNode();
        generator.schemas.forEach(all::set);
        return new Generated(all, generator.examples);
    }

    private void event(String name, Class<? extends Event> type) {
        codec.addMixIn(type, WithoutTypeId.class);
        events.put(name, type);
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        schema.put("title", type.getSimpleName());
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("type").put("type", "string").put("const", name);
        properties.setAll(properties(type));
        schemas.put(name, schema);
    }

    /** Each component of a record, as Jackson names and types it. */
    private ObjectNode properties(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalStateException(type.getName() + " is not a record: events and what they hold are records");
        }
        JavaType javaType = codec.constructType(type);
        Map<String, BeanPropertyDefinition> written = new LinkedHashMap<>();
        for (BeanPropertyDefinition property : codec.getSerializationConfig().introspect(javaType).findProperties()) {
            written.put(property.getInternalName(), property);
        }
        ObjectNode properties = NODES.objectNode();
        for (RecordComponent component : type.getRecordComponents()) {
            BeanPropertyDefinition property = written.get(component.getName());
            if (property == null) {
                continue;
            }
            JsonFormat format = field(type, component.getName()).getAnnotation(JsonFormat.class);
            properties.set(property.getName(),
                    schemaOf(codec.getTypeFactory().constructType(component.getGenericType()), format));
        }
        return properties;
    }

    private static Field field(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode schemaOf(JavaType type, JsonFormat format) {
        Class<?> raw = type.getRawClass();
        ObjectNode schema = NODES.objectNode();
        if (raw == String.class) {
            schema.put("type", "string");
        } else if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class
                || raw == short.class || raw == Short.class) {
            schema.put("type", "integer");
        } else if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class
                || raw == java.math.BigDecimal.class) {
            schema.put("type", "number");
        } else if (raw == boolean.class || raw == Boolean.class) {
            schema.put("type", "boolean");
        } else if (raw == Instant.class || raw == OffsetDateTime.class || raw == ZonedDateTime.class) {
            schema.put("type", "string").put("format", "date-time");
        } else if (raw == LocalDate.class) {
            schema.put("type", "string").put("format", "date");
        } else if (raw == LocalTime.class) {
            schema.put("type", "string");
            if (format != null && !format.pattern().isEmpty()) {
                schema.put("pattern", timePattern(format.pattern()));
            } else {
                schema.put("format", "time");
            }
        } else if (raw.isEnum()) {
            schema.put("type", "string");
            schema.set("enum", enumValues(raw));
        } else if (type.isCollectionLikeType() || type.isArrayType()) {
            schema.put("type", "array");
            schema.set("items", schemaOf(type.getContentType(), null));
        } else if (type.isMapLikeType()) {
            schema.put("type", "object");
            Class<?> key = type.getKeyType().getRawClass();
            if (key.isEnum()) {
                schema.putObject("propertyNames").set("enum", enumValues(key));
            } else if (key != String.class) {
                throw new IllegalStateException("no JSON Schema for a map keyed by " + key.getName());
            }
            schema.set("additionalProperties", schemaOf(type.getContentType(), null));
        } else if (raw.isRecord() && !Event.class.isAssignableFrom(raw)) {
            schema.put("$ref", REF + record(raw));
        } else {
            throw new IllegalStateException("no JSON Schema mapping for " + type + ": add one to EventSchemaGenerator");
        }
        return schema;
    }

    private String record(Class<?> type) {
        String known = records.get(type);
        if (known != null) {
            return known;
        }
        String name = type.getSimpleName();
        if (schemas.containsKey(name) || records.containsValue(name)) {
            throw new IllegalStateException("two records named " + name + " in the events: rename one");
        }
        records.put(type, name);
        ObjectNode schema = NODES.objectNode();
        schemas.put(name, schema);
        schema.put("type", "object");
        schema.set("properties", properties(type));
        return name;
    }

    private ArrayNode enumValues(Class<?> type) {
        ArrayNode values = NODES.arrayNode();
        for (Object constant : type.getEnumConstants()) {
            values.add(codec.valueToTree(constant).asText());
        }
        return values;
    }

    /** A {@code @JsonFormat} time pattern as a regular expression; the letters we use, the rest literal. */
    private static String timePattern(String pattern) {
        String regex = pattern.replace("HH", "([01][0-9]|2[0-3])").replace("mm", "[0-5][0-9]").replace("ss", "[0-5][0-9]");
        if (regex.chars().anyMatch(Character::isLetter)) {
            throw new IllegalStateException("no regular expression for the time pattern " + pattern);
        }
        return "^" + regex + "$";
    }

    // ---- required fields, asked of the codec ----

    private void probe(String name) {
        Class<? extends Event> type = events.get(name);
        ObjectNode example = example(name, type);
        examples.put(name, example);
        ObjectNode schema = schemas.get(name);
        ArrayNode required = NODES.arrayNode().add("type");
        for (Iterator<String> fields = schema.get("properties").fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!field.equals("type") && example.has(field)) {
                ObjectNode without = example.deepCopy();
                without.remove(field);
                if (!decodes(without, type)) {
                    required.add(field);
                }
            }
        }
        schema.set("required", required);
        probeNested(example, schema, example, type, new ArrayList<>());
    }

    /** Finds each record's first occurrence in the example and probes its fields there. */
    private void probeNested(JsonNode value, JsonNode schema, ObjectNode example, Class<? extends Event> type,
            List<Object> path) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().substring(REF.length());
            ObjectNode record = schemas.get(name);
            if (value.isObject() && probedRecords.add(name)) {
                ArrayNode required = NODES.arrayNode();
                for (Iterator<String> fields = record.get("properties").fieldNames(); fields.hasNext(); ) {
                    String field = fields.next();
                    if (value.has(field)) {
                        ObjectNode without = example.deepCopy();
                        ((ObjectNode) at(without, path)).remove(field);
                        if (!decodes(without, type)) {
                            required.add(field);
                        }
                    }
                }
                if (!required.isEmpty()) {
                    record.set("required", required);
                }
            }
            probeNested(value, record, example, type, path);
            return;
        }
        if (value.isObject() && schema.has("properties")) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = schema.get("properties").fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (value.has(field.getKey())) {
                    probeNested(value.get(field.getKey()), field.getValue(), example, type, append(path, field.getKey()));
                }
            }
        } else if (value.isObject() && schema.has("additionalProperties")) {
            for (Iterator<Map.Entry<String, JsonNode>> entries = value.fields(); entries.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = entries.next();
                probeNested(entry.getValue(), schema.get("additionalProperties"), example, type,
                        append(path, entry.getKey()));
            }
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                probeNested(value.get(i), schema.get("items"), example, type, append(path, i));
            }
        }
    }

    private static List<Object> append(List<Object> path, Object step) {
        List<Object> longer = new ArrayList<>(path);
        longer.add(step);
        return longer;
    }

    private static JsonNode at(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object step : path) {
            node = step instanceof Integer i ? node.get(i) : node.get((String) step);
        }
        return node;
    }

    private boolean decodes(JsonNode json, Class<? extends Event> type) {
        try {
            codec.readerFor(type).readValue(plain.writeValueAsString(json));
            return true;
        } catch (Exception refused) {
            return false;
        }
    }

    /** The example with a made-up value for each field it leaves out. */
    private ObjectNode enriched(ObjectNode example, String name) {
        ObjectNode enriched = example.deepCopy();
        schemas.get(name).get("properties").fields().forEachRemaining(field -> {
            if (!enriched.has(field.getKey())) {
                enriched.set(field.getKey(), madeUp(field.getValue()));
            }
        });
        return enriched;
    }

    /**
     * The event's fixture when it has one that decodes; else the fixture with made-up values for the fields it lacks
     * (a field added since); else an example made from the schema alone.
     */
    private ObjectNode example(String name, Class<? extends Event> type) {
        List<String> tried = new ArrayList<>();
        String fixture = fixture(name);
        if (fixture != null) {
            try {
                ObjectNode json = (ObjectNode) plain.readTree(fixture);
                if (decodes(json, type)) {
                    return json;
                }
                ObjectNode completed = enriched(json, name);
                if (decodes(completed, type)) {
                    return completed;
                }
                tried.add("its fixture fixtures/" + name + ".json does not decode");
            } catch (IOException e) {
                tried.add("its fixture is not JSON");
            }
        }
        ObjectNode made = (ObjectNode) madeUp(schemas.get(name));
        if (decodes(made, type)) {
            return made;
        }
        tried.add("one made from its schema does not decode: " + made);
        throw new IllegalStateException("no example of " + name + " (" + String.join("; ", tried)
                + "): add a fixture contracts/src/test/resources/fixtures/" + name + ".json");
    }

    private JsonNode madeUp(JsonNode schema) {
        if (schema.has("$ref")) {
            return madeUp(schemas.get(schema.get("$ref").asText().substring(REF.length())));
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        String type = schema.path("type").asText();
        switch (type) {
            case "integer":
                return NODES.numberNode(1);
            case "number":
                return NODES.numberNode(1.5);
            case "boolean":
                return NODES.booleanNode(false);
            case "array":
                return NODES.arrayNode().add(madeUp(schema.get("items")));
            case "string":
                String format = schema.path("format").asText();
                if (format.equals("date-time")) {
                    return NODES.textNode("2026-11-28T14:05:09Z");
                }
                if (format.equals("date")) {
                    return NODES.textNode("2026-11-28");
                }
                if (format.equals("time") || schema.has("pattern")) {
                    return NODES.textNode("09:00");
                }
                return NODES.textNode("example");
            case "object":
                ObjectNode object = NODES.objectNode();
                if (schema.has("properties")) {
                    schema.get("properties").fields().forEachRemaining(f -> object.set(f.getKey(), madeUp(f.getValue())));
                } else if (schema.has("additionalProperties")) {
                    String key = schema.has("propertyNames") ? schema.get("propertyNames").get("enum").get(0).asText()
                            : "example";
                    object.set(key, madeUp(schema.get("additionalProperties")));
                }
                return object;
            default:
                throw new IllegalStateException("cannot make an example of " + schema);
        }
    }

    private static String fixture(String name) {
        try (InputStream in = EventSchemaGenerator.class.getResourceAsStream("/fixtures/" + name + ".json")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package com.mctb.contracts.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.mctb.contracts.event.Event;
import com.mctb.contracts.event.EventTypes;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The events' JSON Schemas as the AsyncAPI document in this jar publishes them ({@code contracts/asyncapi.yaml},
 * generated from the event records), compiled once, and the check every consumer makes before it handles a record:
 * the record is JSON, names one of our event types (and the one its {@code ce_type} header names, when it has one),
 * is of the type the consumer expects, and fits that type's schema; then it is decoded.
 *
 * <p>The validator is networknt's json-schema-validator (draft-07, the dialect AsyncAPI 3.0's schemas build on).
 */
public final class EventSchemas {

    /** Where the AsyncAPI document is on the classpath. */
    public static final String DOCUMENT = "/mctb/asyncapi.yaml";

    private static final String COMPONENT_REF = "#/components/schemas/";
    private static final String DEFINITION_REF = "#/definitions/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String text;
    private final JsonNode schemas;
    private final Map<String, JsonSchema> compiled;

    private EventSchemas(String text, JsonNode document) {
        this.text = text;
        this.schemas = document.path("components").path("schemas");
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_PATH).build();
        Map<String, JsonSchema> byType = new LinkedHashMap<>();
        for (String type : EventTypes.all().keySet()) {
            if (schemas.has(type)) {
                JsonSchema schema = factory.getSchema(standalone(schemas, type), config);
                schema.initializeValidators();
                byType.put(type, schema);
            }
        }
        this.compiled = Collections.unmodifiableMap(byType);
    }

    private static final class Published {
        static final EventSchemas INSTANCE = load();

        private static EventSchemas load() {
            try (InputStream in = EventSchemas.class.getResourceAsStream(DOCUMENT)) {
                if (in == null) {
                    throw new IllegalStateException(DOCUMENT + " is missing from the contracts jar");
                }
                return of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The schemas of the document this jar carries (read and compiled on first use). */
    public static EventSchemas published() {
        return Published.INSTANCE;
    }

    /** The schemas of an AsyncAPI document's text (YAML or JSON). */
    public static EventSchemas of(String asyncApiDocument) {
        try {
            return new EventSchemas(asyncApiDocument, new YAMLMapper().readTree(asyncApiDocument));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The AsyncAPI document, as published. */
    public String document() {
        return text;
    }

    /** The event types the document has a schema for. */
    public Set<String> types() {
        return compiled.keySet();
    }

    /** One event type's schema on its own: the schemas it refers to under {@code definitions}. */
    public ObjectNode schema(String type) {
        return standalone(schemas, type);
    }

    /**
     * How {@code value} misfits the schema of {@code type}, one line per problem (empty: it fits).
     *
     * @throws EventDecodingException when the document has no schema for {@code type}
     */
    public List<String> problems(String type, JsonNode value) {
        JsonSchema schema = compiled.get(type);
        if (schema == null) {
            throw new EventDecodingException("unknown event type " + type + " (not in the AsyncAPI document)", null);
        }
        Set<ValidationMessage> messages = schema.validate(value);
        if (messages.isEmpty()) {
            return List.of();
        }
        List<String> problems = new ArrayList<>(messages.size());
        messages.forEach(m -> problems.add(m.getMessage()));
        Collections.sort(problems);
        return problems;
    }

    /**
     * Reads a record as a consumer must before handling it.
     *
     * @param ceType   the record's {@code ce_type} header, or null when it has none (a record from before the headers)
     * @param expected what the consumer handles: an event record, a sealed family or {@link Event} itself
     * @throws EventDecodingException naming why the record is not a valid {@code expected} ({@link EventSchemaException}
     *                                when it does not fit its schema)
     */
    public <T extends Event> T decode(String json, String ceType, Class<T> expected) {
        String wanted = expected.getSimpleName();
        JsonNode tree;
        try {
            tree = EventJson.readTree(json);
        } catch (EventDecodingException e) {
            throw new EventDecodingException("not a valid " + wanted + ": " + e.getMessage(), e);
        }
        JsonNode typeField = tree.get("type");
        String type = typeField != null && typeField.isTextual() ? typeField.textValue() : null;
        if (ceType != null) {
            String named = EventTypes.fromCloudEventsType(ceType).orElseThrow(() -> new EventDecodingException(
                    "not a valid " + wanted + ": unknown ce_type " + ceType + " (an event type or version we do not know)",
                    null));
            if (!named.equals(type)) {
                throw new EventDecodingException("not a valid " + wanted + ": ce_type " + ceType
                        + " but the record's type is " + (type == null ? "missing" : type), null);
            }
        }
        if (type == null) {
            throw new EventDecodingException("not a valid " + wanted + ": no \"type\" naming the event", null);
        }
        Class<? extends Event> actual = EventTypes.byName(type).orElseThrow(() -> new EventDecodingException(
                "not a valid " + wanted + ": unknown event type " + type + " (a type or version we do not know)", null));
        if (!expected.isAssignableFrom(actual)) {
            throw new EventDecodingException("not a valid " + wanted + ": it is a " + type, null);
        }
        List<String> problems = problems(type, tree);
        if (!problems.isEmpty()) {
            throw new EventSchemaException("not a valid " + wanted + ": does not fit the schema of " + type + ": "
                    + String.join("; ", problems), problems);
        }
        return EventJson.decodeTree(tree, expected);
    }

    /** The schema of {@code type} with the component schemas it uses (transitively) copied under {@code definitions}. */
    public static ObjectNode standalone(JsonNode componentSchemas, String type) {
        JsonNode schema = componentSchemas.get(type);
        if (schema == null) {
            throw new IllegalArgumentException("no schema for " + type);
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "http://json-schema.org/draft-07/schema#");
        root.setAll((ObjectNode) rewriteRefs(schema));
        Set<String> used = new TreeSet<>();
        collectRefs(schema, componentSchemas, used);
        used.remove(type);
        if (!used.isEmpty()) {
            ObjectNode definitions = root.putObject("definitions");
            used.forEach(name -> definitions.set(name, rewriteRefs(componentSchemas.get(name))));
        }
        return root;
    }

    private static void collectRefs(JsonNode node, JsonNode componentSchemas, Set<String> into) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && ref.textValue().startsWith(COMPONENT_REF)) {
                String name = ref.textValue().substring(COMPONENT_REF.length());
                if (into.add(name) && componentSchemas.has(name)) {
                    collectRefs(componentSchemas.get(name), componentSchemas, into);
                }
            }
        }
        for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
            collectRefs(children.next(), componentSchemas, into);
        }
    }

    private static JsonNode rewriteRefs(JsonNode node) {
        JsonNode copy = node.deepCopy();
        rewriteInPlace(copy);
        return copy;
    }

    private static void rewriteInPlace(JsonNode node) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && ref.textValue().startsWith(COMPONENT_REF)) {
                ((ObjectNode) node).put("$ref", DEFINITION_REF + ref.textValue().substring(COMPONENT_REF.length()));
            }
        }
        for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
            rewriteInPlace(children.next());
        }
    }
}

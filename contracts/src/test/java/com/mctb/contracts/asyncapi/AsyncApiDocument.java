package com.mctb.contracts.asyncapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.mctb.contracts.Topics;
import com.mctb.contracts.Topics.TopicSpec;
import com.mctb.contracts.event.Event;
import com.mctb.contracts.event.EventTypes;
import com.mctb.contracts.json.EventJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The AsyncAPI 3.0 document of our topics, generated from {@link Topics} (channels, keys, partitions, retention,
 * compaction, producer and consumers), {@link EventTypes} (the events) and the event records
 * ({@link EventSchemaGenerator}: payload schemas and examples). Checked in as {@code contracts/asyncapi.yaml}
 * ({@code AsyncApiDocumentTest} fails when it differs) and served by every service at {@code /q/asyncapi}.
 */
final class AsyncApiDocument {

    static final String KAFKA_BINDING = "0.5.0";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String DEAD_LETTER = "DeadLetter";
    private static final String EXAMPLE_TIME = "2026-11-28T14:05:09.200Z";

    private AsyncApiDocument() {
    }

    static ObjectNode generate() {
        return generate(Topics.ALL, EventTypes.all());
    }

    static ObjectNode generate(List<TopicSpec> topics, Map<String, Class<? extends Event>> types) {
        EventSchemaGenerator.Generated generated = EventSchemaGenerator.generate(types);
        Map<Class<? extends Event>, String> names = new LinkedHashMap<>();
        types.forEach((name, type) -> names.put(type, name));
        Map<String, TopicSpec> topicOf = topicsOfEvents(topics, names);

        ObjectNode doc = NODES.objectNode();
        doc.put("asyncapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Missed Call Text Back: events");
        info.put("version", "1.0.0");
        info.put("description", String.join("\n",
                "The Kafka topics of Missed Call Text Back, for the company's other services to consume.",
                "",
                "Each record's value is one event as JSON, named by its versioned type (`\"type\": \"CallMissed.v1\"`).",
                "Each record also carries CloudEvents attributes in Kafka headers (binary mode): `ce_specversion` 1.0,",
                "`ce_id` (the event's id, the same for a redelivered or replayed event), `ce_type`",
                "(`" + EventTypes.CLOUD_EVENTS_PREFIX + "` and the versioned type), `ce_source` (the service that wrote it),",
                "`ce_time`, `content-type`, and `traceparent` when tracing is on. A tombstone (null value, on a",
                "compacted topic) carries none.",
                "",
                "Compatibility: a field may be added, optional, to an event at any time, and an enum may gain values,",
                "so a consumer ignores fields and tolerates values it does not know. Anything else (a field removed,",
                "renamed or retyped, a new required field) is a new version of the event (`.v2`), published beside",
                "the old one for a documented period. A test compares every event's schema with the last released",
                "one (`contracts/schemas/released/`) and fails the build on a break.",
                "",
                "Generated from the `contracts` module (`Topics`, the event records); do not edit by hand."));
        ObjectNode servers = doc.putObject("servers");
        servers.putObject("local").put("host", "localhost:9092").put("protocol", "kafka")
                .put("description", "The broker `./mctb up` starts (KAFKA_PORT, default 9092; with --brokers 3 also"
                        + " 9094 and 9096); on a Docker host the compose file's `kafka-1:9092,kafka-2:9092,kafka-3:9092`.");
        doc.put("defaultContentType", "application/json");

        ObjectNode channels = doc.putObject("channels");
        ObjectNode operations = doc.putObject("operations");
        ObjectNode components = doc.putObject("components");
        ObjectNode messages = components.putObject("messages");
        ObjectNode schemas = components.putObject("schemas");

        Map<String, TopicSpec> byName = new LinkedHashMap<>();
        topics.forEach(t -> byName.put(t.name(), t));
        for (TopicSpec topic : topics) {
            String channelId = id(topic.name());
            ObjectNode channel = channels.putObject(channelId);
            channel.put("address", topic.name());
            channel.put("title", topic.name());
            ObjectNode channelMessages = channel.putObject("messages");
            List<String> carried = new ArrayList<>();
            if (topic.isDeadLetter()) {
                TopicSpec source = byName.get(Topics.sourceOfDeadLetters(topic.name()).orElseThrow());
                channel.put("description", "Records a consumer of `" + source.name() + "` could not handle, unchanged"
                        + " (key, value and headers), with why in `dlq-*` headers. Written by "
                        + list(source.consumers()) + "; read by operators (`./mctb dlq list|show|replay`). "
                        + keeps(topic));
                channelMessages.set(DEAD_LETTER, ref("#/components/messages/" + DEAD_LETTER));
                carried.add(DEAD_LETTER);
                for (String consumer : source.consumers()) {
                    operation(operations, id(consumer) + "DeadLetters" + pascal(source.name()), "send", channelId,
                            carried, consumer, consumer + " sends what it cannot handle from " + source.name());
                }
            } else {
                if (topic.producer() == null || topic.events().isEmpty()) {
                    throw new IllegalStateException(topic.name() + " declares no producer or no events: say them in"
                            + " Topics.EVENT_TOPICS (producedBy, consumedBy, carrying)");
                }
                channel.put("description", "Key: " + topic.key() + ". Written by " + topic.producer() + "; read by "
                        + list(topic.consumers()) + ". " + keeps(topic));
                for (Class<? extends Event> event : topic.events()) {
                    String name = names.get(event);
                    if (name == null) {
                        throw new IllegalStateException(event.getSimpleName() + " is on " + topic.name()
                                + " but not listed in Event's @JsonSubTypes");
                    }
                    channelMessages.set(name, ref("#/components/messages/" + name));
                    carried.add(name);
                }
                operation(operations, id(topic.producer()) + "Sends" + pascal(topic.name()), "send", channelId,
                        carried, topic.producer(), topic.producer() + " writes " + topic.name());
                for (String consumer : topic.consumers()) {
                    operation(operations, id(consumer) + "Receives" + pascal(topic.name()), "receive", channelId,
                            carried, consumer, consumer + " reads " + topic.name());
                }
            }
            channel.putObject("bindings").set("kafka", kafkaChannel(topic));
        }

        for (Map.Entry<String, Class<? extends Event>> type : types.entrySet()) {
            String name = type.getKey();
            TopicSpec topic = topicOf.get(name);
            messages.set(name, message(name, topic, generated.examples().get(name), type.getValue()));
        }
        messages.set(DEAD_LETTER, deadLetterMessage());

        schemas.set("CloudEventsHeaders", cloudEventsHeaders());
        schemas.set("DeadLetterHeaders", deadLetterHeaders());
        schemas.setAll(generated.schemas());
        return doc;
    }

    static String yaml(ObjectNode doc) {
        try {
            return YAMLMapper.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                    .disable(YAMLGenerator.Feature.SPLIT_LINES)
                    .build().writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, TopicSpec> topicsOfEvents(List<TopicSpec> topics, Map<Class<? extends Event>, String> names) {
        Map<String, TopicSpec> topicOf = new LinkedHashMap<>();
        for (TopicSpec topic : topics) {
            for (Class<? extends Event> event : topic.events()) {
                String name = names.get(event);
                if (name != null) {
                    topicOf.putIfAbsent(name, topic);
                }
            }
        }
        Set<String> nowhere = new LinkedHashSet<>(names.values());
        nowhere.removeAll(topicOf.keySet());
        if (!nowhere.isEmpty()) {
            throw new IllegalStateException(nowhere + " travel on no topic: add each to its topic's carrying(...) in"
                    + " Topics.EVENT_TOPICS");
        }
        return topicOf;
    }

    private static ObjectNode message(String name, TopicSpec topic, ObjectNode example, Class<? extends Event> type) {
        ObjectNode message = NODES.objectNode();
        message.put("name", name);
        message.put("title", type.getSimpleName());
        message.put("summary", type.getSimpleName() + ", version " + name.substring(name.lastIndexOf(".v") + 2)
                + ", on " + topic.name() + "; CloudEvents type " + EventTypes.CLOUD_EVENTS_PREFIX + name + ".");
        message.put("contentType", "application/json");
        ObjectNode headers = message.putObject("headers");
        ArrayNode allOf = headers.putArray("allOf");
        allOf.add(ref("#/components/schemas/CloudEventsHeaders"));
        ObjectNode own = allOf.addObject();
        own.put("type", "object");
        ObjectNode ceType = own.putObject("properties").putObject("ce_type");
        ceType.put("type", "string").put("const", EventTypes.CLOUD_EVENTS_PREFIX + name);
        message.set("payload", ref("#/components/schemas/" + name));
        ObjectNode kafka = message.putObject("bindings").putObject("kafka");
        kafka.putObject("key").put("type", "string").put("description", topic.key());
        kafka.put("bindingVersion", KAFKA_BINDING);
        ObjectNode sample = message.putArray("examples").addObject();
        sample.put("name", type.getSimpleName());
        ObjectNode sampleHeaders = sample.putObject("headers");
        sampleHeaders.put("ce_specversion", "1.0");
        sampleHeaders.put("ce_id", EventJson.decode(example.toString(), type).eventId());
        sampleHeaders.put("ce_type", EventTypes.CLOUD_EVENTS_PREFIX + name);
        sampleHeaders.put("ce_source", topic.producer());
        sampleHeaders.put("ce_time", EXAMPLE_TIME);
        sampleHeaders.put("content-type", "application/json");
        sample.set("payload", example);
        return message;
    }

    private static ObjectNode deadLetterMessage() {
        ObjectNode message = NODES.objectNode();
        message.put("name", DEAD_LETTER);
        message.put("title", "Dead letter");
        message.put("summary", "A record a consumer could not handle: the source record's key, value and headers"
                + " unchanged, and why in dlq-* headers.");
        message.set("headers", ref("#/components/schemas/DeadLetterHeaders"));
        message.putObject("payload").put("description", "The source record's value, unchanged: usually one of the"
                + " source topic's events, or whatever did not decode.");
        return message;
    }

    private static ObjectNode cloudEventsHeaders() {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        schema.put("description", "CloudEvents 1.0 attributes in Kafka headers (binary content mode), UTF-8.");
        ObjectNode p = schema.putObject("properties");
        p.putObject("ce_specversion").put("type", "string").put("const", "1.0");
        p.putObject("ce_id").put("type", "string").put("description", "The event's id: the same for a redelivered"
                + " or replayed event, so a consumer that records it handles each event once.");
        p.putObject("ce_type").put("type", "string").put("description", "`" + EventTypes.CLOUD_EVENTS_PREFIX
                + "` and the event's versioned type, e.g. `" + EventTypes.CLOUD_EVENTS_PREFIX + "CallMissed.v1`.");
        p.putObject("ce_source").put("type", "string").put("description", "The service that wrote the event.");
        p.putObject("ce_time").put("type", "string").put("format", "date-time")
                .put("description", "When the event was written, in the transaction of the change it announces.");
        p.putObject("content-type").put("type", "string").put("const", "application/json");
        p.putObject("traceparent").put("type", "string").put("description", "W3C trace context, when tracing is on.");
        schema.putArray("required").add("ce_specversion").add("ce_id").add("ce_type").add("ce_source").add("ce_time");
        return schema;
    }

    private static ObjectNode deadLetterHeaders() {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        schema.put("description", "The source record's own headers (CloudEvents, traceparent), and these.");
        ObjectNode p = schema.putObject("properties");
        p.putObject("dlq-error").put("type", "string").put("description", "Why the consumer could not handle it.");
        p.putObject("dlq-schema-error").put("type", "string")
                .put("description", "When it did not fit its event's schema: each misfit, by JSON path.");
        p.putObject("dlq-consumer").put("type", "string").put("description", "The consumer, service.channel.");
        p.putObject("dlq-source").put("type", "string").put("description", "Where it was: topic/partition@offset.");
        schema.putArray("required").add("dlq-error").add("dlq-consumer").add("dlq-source");
        return schema;
    }

    private static ObjectNode kafkaChannel(TopicSpec topic) {
        ObjectNode kafka = NODES.objectNode();
        kafka.put("topic", topic.name());
        kafka.put("partitions", topic.partitions());
        ObjectNode config = kafka.putObject("topicConfiguration");
        config.putArray("cleanup.policy").add(topic.compacted() ? "compact" : "delete");
        if (!topic.compacted() && topic.retention() != null) {
            config.put("retention.ms", topic.retention().toMillis());
        }
        kafka.put("bindingVersion", KAFKA_BINDING);
        return kafka;
    }

    private static void operation(ObjectNode operations, String id, String action, String channelId,
            List<String> messages, String service, String title) {
        ObjectNode operation = operations.putObject(id);
        operation.put("action", action);
        operation.set("channel", ref("#/channels/" + channelId));
        operation.put("title", title);
        ArrayNode refs = operation.putArray("messages");
        messages.forEach(m -> refs.add(ref("#/channels/" + channelId + "/messages/" + m)));
        operation.putArray("tags").addObject().put("name", service);
    }

    private static String keeps(TopicSpec topic) {
        if (topic.compacted()) {
            return "Compacted: the latest record of each key is kept, with no time limit.";
        }
        long days = topic.retention().toDays();
        return "Records are kept " + days + " days.";
    }

    private static String list(List<String> names) {
        return names.isEmpty() ? "nobody yet" : String.join(", ", names);
    }

    private static ObjectNode ref(String target) {
        return NODES.objectNode().put("$ref", target);
    }

    /** calls.missed.dlq → callsMissedDlq; workflow-service → workflowService. */
    static String id(String name) {
        String pascal = pascal(name);
        return Character.toLowerCase(pascal.charAt(0)) + pascal.substring(1);
    }

    private static String pascal(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("[.\\-_]")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }
}

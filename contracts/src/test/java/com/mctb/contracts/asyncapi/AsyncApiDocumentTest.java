package com.mctb.contracts.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.Event;
import com.mctb.contracts.event.EventTypes;
import com.mctb.contracts.json.EventJson;
import com.mctb.contracts.json.EventSchemas;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AsyncApiDocumentTest {

    static final Path CHECKED_IN = Path.of("asyncapi.yaml");
    static final String REGENERATE =
            "./mvnw -B -o -pl contracts test -Dtest=AsyncApiDocumentTest -Dmctb.asyncapi.write=true";

    private static String generated;
    private static JsonNode document;

    @BeforeAll
    static void generate() throws IOException {
        generated = AsyncApiDocument.yaml(AsyncApiDocument.generate());
        document = new YAMLMapper().readTree(generated);
    }

    @Test
    void theCheckedInDocumentIsWhatTheCodeGenerates() throws IOException {
        if (Boolean.getBoolean("mctb.asyncapi.write")) {
            Files.writeString(CHECKED_IN, generated);
        }
        String checkedIn = Files.exists(CHECKED_IN) ? Files.readString(CHECKED_IN) : "";

        assertThat(checkedIn)
                .as("contracts/asyncapi.yaml is not what the code generates; regenerate it with\n  " + REGENERATE + "\n")
                .isEqualTo(generated);
    }

    @Test
    void theYamlSaysExactlyWhatWasGenerated() throws IOException {
        assertThat(document).isEqualTo(new ObjectMapper().readTree(AsyncApiDocument.generate().toString()));
    }

    @Test
    void theDocumentIsValidAsyncApi3AgainstAsyncApisOwnSchema() {
        assertThat(asyncApiProblems(document)).isEmpty();
    }

    /** The same check refuses what AsyncAPI 3.0 does not allow, so the test above can fail. */
    @Test
    void theSameCheckRefusesADocumentThatIsNotAsyncApi3() {
        ObjectNode wrongAction = document.deepCopy();
        ((ObjectNode) wrongAction.get("operations").get("callGatewaySendsCallsMissed")).put("action", "publish");
        ObjectNode wrongVersion = document.deepCopy();
        wrongVersion.put("asyncapi", "2.6.0");
        ObjectNode badBinding = document.deepCopy();
        ((ObjectNode) badBinding.at("/channels/callsMissed/bindings/kafka")).put("partitions", 0);

        assertThat(asyncApiProblems(wrongAction)).isNotEmpty();
        assertThat(asyncApiProblems(wrongVersion)).isNotEmpty();
        assertThat(asyncApiProblems(badBinding)).isNotEmpty();
    }

    @Test
    void everyTopicIsAChannelWithItsPartitionsRetentionAndWhoWritesAndReadsIt() {
        for (Topics.TopicSpec topic : Topics.ALL) {
            JsonNode channel = document.get("channels").get(AsyncApiDocument.id(topic.name()));
            assertThat(channel.get("address").asText()).isEqualTo(topic.name());
            assertThat(channel.at("/bindings/kafka/partitions").asInt()).isEqualTo(topic.partitions());
            assertThat(channel.at("/bindings/kafka/topicConfiguration/cleanup.policy/0").asText())
                    .isEqualTo(topic.compacted() ? "compact" : "delete");
        }
        JsonNode operations = document.get("operations");
        assertThat(operations.get("callGatewaySendsCallsMissed").get("action").asText()).isEqualTo("send");
        assertThat(operations.get("workflowServiceReceivesCallsMissed").get("action").asText()).isEqualTo("receive");
        assertThat(operations.get("workflowServiceDeadLettersCallsMissed").at("/channel/$ref").asText())
                .isEqualTo("#/channels/callsMissedDlq");
        assertThat(document.at("/channels/smsEvents/messages").fieldNames()).toIterable()
                .contains("MessageAccepted.v1", "InboundMessage.v1", "OptedOut.v1", "UsageLimitReached.v1");
    }

    @Test
    void everyEventHasAMessageWhoseExampleFitsItsSchemaAndDecodes() {
        EventSchemas schemas = EventSchemas.of(generated);
        for (Map.Entry<String, Class<? extends Event>> type : EventTypes.all().entrySet()) {
            JsonNode message = document.at("/components/messages/" + type.getKey().replace("/", "~1"));
            JsonNode example = message.at("/examples/0/payload");

            assertThat(schemas.problems(type.getKey(), example)).as(type.getKey()).isEmpty();
            assertThat(EventJson.decode(example.toString(), type.getValue())).isInstanceOf(type.getValue());
            assertThat(message.at("/examples/0/headers/ce_type").asText())
                    .isEqualTo(EventTypes.cloudEventsType(type.getValue()));
        }
    }

    /** A primitive (callerWithheld) is required too: the codec will not default a missing one. */
    @Test
    void aFieldIsRequiredExactlyWhenTheCodecRefusesTheEventWithoutIt() {
        JsonNode callMissed = document.at("/components/schemas/CallMissed.v1");

        assertThat(callMissed.get("required")).extracting(JsonNode::asText)
                .containsExactly("type", "callSid", "accountId", "from", "to", "dialStatus", "callerWithheld", "occurredAt");
        assertThat(callMissed.at("/properties/dialStatus/enum")).extracting(JsonNode::asText)
                .contains("no-answer", "busy");
        assertThat(callMissed.at("/properties/occurredAt/format").asText()).isEqualTo("date-time");
        assertThat(document.at("/components/schemas/OpenInterval/required")).extracting(JsonNode::asText)
                .containsExactly("opens", "closes");
        assertThat(document.at("/components/schemas/BusinessProfileChanged.v1/required")).extracting(JsonNode::asText)
                .containsExactly("type", "accountId", "businessName", "timeZone", "version");
    }

    @Test
    void anEventOnNoTopicOrATopicThatSaysNothingFailsTheGenerator() {
        List<Topics.TopicSpec> withoutSmsEvents = new ArrayList<>(Topics.EVENT_TOPICS);
        withoutSmsEvents.removeIf(t -> t.name().equals(Topics.SMS_EVENTS));
        assertThatThrownBy(() -> AsyncApiDocument.generate(withoutSmsEvents, EventTypes.all()))
                .hasMessageContaining("MessageAccepted.v1").hasMessageContaining("travel on no topic");

        List<Topics.TopicSpec> bare = new ArrayList<>(Topics.EVENT_TOPICS);
        bare.add(new Topics.TopicSpec("calls.answered", 3, false));
        assertThatThrownBy(() -> AsyncApiDocument.generate(bare, EventTypes.all()))
                .hasMessageContaining("calls.answered declares no producer or no events");
    }

    static Set<ValidationMessage> asyncApiProblems(JsonNode doc) {
        return AsyncApiSchema.SCHEMA.validate(doc);
    }

    /** AsyncAPI 3.0.0's own JSON Schema (from @asyncapi/specs, checked in: see asyncapi-spec/README.md). */
    private static final class AsyncApiSchema {
        static final JsonSchema SCHEMA = load();

        private static JsonSchema load() {
            try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/asyncapi-spec/asyncapi-3.0.0.schema.json")) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(text);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

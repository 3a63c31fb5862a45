package com.mctb.contracts.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mctb.contracts.event.DialStatus;
import com.mctb.contracts.event.Event;
import com.mctb.contracts.event.EventTypes;
import com.mctb.contracts.json.EventSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The compatibility rule, kept by the build: every event's schema against its last released one
 * ({@code contracts/schemas/released/<type>.json}), and the checker shown to fail on each kind of breaking change
 * made to a copy of {@code CallMissed}.
 */
class SchemaCompatibilityTest {

    static final Path RELEASED = Path.of("schemas/released");
    static final String RELEASE =
            "./mvnw -B -o -pl contracts test -Dtest=SchemaCompatibilityTest -Dmctb.schemas.release=true";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void noEventChangedIncompatiblySinceItsLastRelease() throws IOException {
        Map<String, JsonNode> current = standalone(EventTypes.all());
        if (Boolean.getBoolean("mctb.schemas.release")) {
            Files.createDirectories(RELEASED);
            for (Map.Entry<String, JsonNode> schema : current.entrySet()) {
                Files.writeString(RELEASED.resolve(schema.getKey() + ".json"),
                        JSON.writeValueAsString(schema.getValue()) + "\n");
            }
        }
        Map<String, JsonNode> released = released();

        assertThat(released).as("no released schemas in contracts/schemas/released; record them with " + RELEASE)
                .isNotEmpty();
        assertThat(SchemaCompatibility.breaks(released, current))
                .as("a change that breaks consumers: make it a new version of the event (a .v2 record beside the .v1),"
                        + " see README \"Topics as an interface\"")
                .isEmpty();
    }

    @Test
    void removingOrRenamingAFieldBreaks() throws IOException {
        assertThat(breaksOf(CallMissedWithoutTo.class))
                .containsExactly("CallMissed.v1: $.to was removed (or renamed)");
        assertThat(breaksOf(CallMissedRenamedRingSeconds.class))
                .containsExactly("CallMissed.v1: $.ringSeconds was removed (or renamed)");
    }

    @Test
    void changingAFieldsTypeBreaks() throws IOException {
        assertThat(breaksOf(CallMissedRingSecondsAsText.class))
                .containsExactly("CallMissed.v1: $.ringSeconds type changed from \"integer\" to \"string\"");
    }

    @Test
    void aNewRequiredFieldBreaks() throws IOException {
        assertThat(breaksOf(CallMissedRequiringARegion.class))
                .containsExactly("CallMissed.v1: $.region is newly required");
    }

    @Test
    void aReleasedEventTypeThatIsGoneBreaks() throws IOException {
        Map<String, JsonNode> withoutCallMissed = new LinkedHashMap<>(standalone(EventTypes.all()));
        withoutCallMissed.remove("CallMissed.v1");

        assertThat(SchemaCompatibility.breaks(released(), withoutCallMissed)).singleElement().asString()
                .startsWith("CallMissed.v1: the released event type is gone");
    }

    @Test
    void aNewOptionalFieldIsCompatible() throws IOException {
        assertThat(breaksOf(CallMissedWithAnOptionalNote.class)).isEmpty();
    }

    /**
     * A nullable field holding a new record, added last (as BusinessProfileChanged.team is): compatible, and the new
     * record's required fields are found although the event's fixture does not hold one.
     */
    @Test
    void aNewOptionalFieldHoldingANewRecordIsCompatibleAndItsRecordIsDescribed() throws IOException {
        Map<String, Class<? extends Event>> types = Map.of("BusinessProfileChanged.v1", BusinessProfileWithStaff.class);
        JsonNode schemas = EventSchemaGenerator.generate(types).schemas();

        assertThat(schemas.at("/Member/required")).extracting(JsonNode::asText).containsExactly("userId");
        assertThat(SchemaCompatibility.breaks(Map.of("BusinessProfileChanged.v1",
                released().get("BusinessProfileChanged.v1")), standalone(types))).isEmpty();
    }

    record BusinessProfileWithStaff(String accountId, String businessName, String timeZone, List<String> numbers,
            String defaultNumber, com.mctb.contracts.hours.BusinessHours hours,
            com.mctb.contracts.event.BusinessProfileChanged.LegacyTextBack legacyTextBack, long version,
            Instant changedAt, com.mctb.contracts.event.BusinessProfileChanged.Team team, String twilioAccountSid,
            List<Member> staff) implements Event {
        BusinessProfileWithStaff {
            Stream.of(accountId, businessName, timeZone).forEach(Objects::requireNonNull);
        }

        @Override
        public String eventId() {
            return accountId;
        }
    }

    record Member(String userId, String mobile) {
        Member {
            Objects.requireNonNull(userId);
        }
    }

    /** The breaking change made the right way: a new version beside the released one, which stays as it was. */
    @Test
    void theSameChangeAsANewVersionBesideTheOldOneIsCompatible() throws IOException {
        Map<String, Class<? extends Event>> types = new LinkedHashMap<>(EventTypes.all());
        types.put("CallMissed.v2", CallMissedRequiringARegion.class);

        assertThat(SchemaCompatibility.breaks(released(), standalone(types))).isEmpty();
    }

    @Test
    void anEnumLosingAValueBreaksAndGainingOneDoesNot() {
        JsonNode before = schema("{\"type\":\"object\",\"properties\":{\"cause\":{\"type\":\"string\",\"enum\":[\"A\",\"B\"]}}}");
        JsonNode gained = schema("{\"type\":\"object\",\"properties\":{\"cause\":{\"type\":\"string\",\"enum\":[\"A\",\"B\",\"C\"]}}}");
        JsonNode lost = schema("{\"type\":\"object\",\"properties\":{\"cause\":{\"type\":\"string\",\"enum\":[\"A\"]}}}");

        assertThat(SchemaCompatibility.breaks(Map.of("X.v1", before), Map.of("X.v1", gained))).isEmpty();
        assertThat(SchemaCompatibility.breaks(Map.of("X.v1", before), Map.of("X.v1", lost)))
                .containsExactly("X.v1: $.cause lost the value \"B\"");
    }

    /** The schema of a CallMissed changed as {@code variant} is, against the released CallMissed.v1. */
    private static List<String> breaksOf(Class<? extends Event> variant) throws IOException {
        Map<String, JsonNode> released = Map.of("CallMissed.v1", released().get("CallMissed.v1"));
        return SchemaCompatibility.breaks(released, standalone(Map.of("CallMissed.v1", variant)));
    }

    static Map<String, JsonNode> standalone(Map<String, Class<? extends Event>> types) {
        JsonNode schemas = EventSchemaGenerator.generate(types).schemas();
        Map<String, JsonNode> byType = new LinkedHashMap<>();
        types.keySet().forEach(type -> byType.put(type, EventSchemas.standalone(schemas, type)));
        return byType;
    }

    private static Map<String, JsonNode> released() throws IOException {
        Map<String, JsonNode> released = new LinkedHashMap<>();
        if (Files.isDirectory(RELEASED)) {
            try (Stream<Path> files = Files.list(RELEASED)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                    String name = file.getFileName().toString();
                    released.put(name.substring(0, name.length() - ".json".length()), JSON.readTree(file.toFile()));
                }
            }
        }
        return released;
    }

    private static JsonNode schema(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // CallMissed as someone might change it. Each keeps the released record's required fields required.

    record CallMissedWithoutTo(String callSid, String accountId, String from, DialStatus dialStatus,
            Integer ringSeconds, boolean callerWithheld, Instant occurredAt) implements Event {
        CallMissedWithoutTo {
            Stream.of(callSid, accountId, from, dialStatus, occurredAt).forEach(Objects::requireNonNull);
        }

        @Override
        public String eventId() {
            return callSid;
        }
    }

    record CallMissedRenamedRingSeconds(String callSid, String accountId, String from, String to,
            DialStatus dialStatus, Integer ringDurationSeconds, boolean callerWithheld, Instant occurredAt)
            implements Event {
        CallMissedRenamedRingSeconds {
            Stream.of(callSid, accountId, from, to, dialStatus, occurredAt).forEach(Objects::requireNonNull);
        }

        @Override
        public String eventId() {
            return callSid;
        }
    }

    record CallMissedRingSecondsAsText(String callSid, String accountId, String from, String to,
            DialStatus dialStatus, String ringSeconds, boolean callerWithheld, Instant occurredAt) implements Event {
        CallMissedRingSecondsAsText {
            Stream.of(callSid, accountId, from, to, dialStatus, occurredAt).forEach(Objects::requireNonNull);
        }

        @Override
        public String eventId() {
            return callSid;
        }
    }

    record CallMissedRequiringARegion(String callSid, String accountId, String from, String to,
            DialStatus dialStatus, Integer ringSeconds, boolean callerWithheld, Instant occurredAt, String region)
            implements Event {
        CallMissedRequiringARegion {
            Stream.of(callSid, accountId, from, to, dialStatus, occurredAt, region).forEach(Objects::requireNonNull);
        }

        @Override
        public String eventId() {
            return callSid;
        }
    }

    record CallMissedWithAnOptionalNote(String callSid, String accountId, String from, String to,
            DialStatus dialStatus, Integer ringSeconds, boolean callerWithheld, Instant occurredAt, String note)
            implements Event {
        CallMissedWithAnOptionalNote {
            Stream.of(callSid, accountId, from, to, dialStatus, occurredAt).forEach(Objects::requireNonNull);
        }

        @Override
        public String eventId() {
            return callSid;
        }
    }
}

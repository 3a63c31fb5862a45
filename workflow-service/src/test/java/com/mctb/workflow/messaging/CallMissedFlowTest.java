package com.mctb.workflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.mctb.contracts.Keys;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.Channel;
import com.mctb.contracts.event.DialStatus;
import com.mctb.contracts.event.MessageCause;
import com.mctb.contracts.event.SendMessage;
import com.mctb.contracts.json.EventJson;
import com.mctb.kit.kafka.DeadLetters;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestKafka;
import com.mctb.testkit.TestTokens;
import com.mctb.testkit.TopicProbe;
import com.mctb.workflow.support.Flows;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
class CallMissedFlowTest {

    private static final Logger LOG = Logger.getLogger(CallMissedFlowTest.class);
    static final String NUMBER = "+15557654321";

    @BeforeEach
    void glowAestheticsHasTheTemplate() {
        Flows.profile("glow", "Glow Aesthetics", NUMBER);
        TestTokens.as("glow").contentType("application/json").body("{}")
                .post("/api/accounts/glow/workflows/templates/missed-call-text-back")
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    @Test
    void aMissedCallFromAKnownContactBecomesOnePersonalisedTextCommand() {
        Flows.contact("glow", "+15551230001", "Dana");
        CallMissed missed = Flows.send(Flows.missed("glow", "+15551230001", NUMBER, Instant.now()));

        List<SendMessage> commands = Flows.commandsTo("glow", "+15551230001", 1, Duration.ofSeconds(20));

        assertThat(commands).singleElement().satisfies(command -> {
            assertThat(command.body()).isEqualTo("Hi Dana, sorry we missed your call at Glow Aesthetics. How can we help?");
            assertThat(command.from()).isEqualTo(NUMBER);
            assertThat(command.to()).isEqualTo("+15551230001");
            assertThat(command.channel()).isEqualTo(Channel.SMS);
            assertThat(command.cause()).isEqualTo(MessageCause.WORKFLOW);
            assertThat(command.callSid()).isEqualTo(missed.callSid());
            assertThat(command.missedAt()).isEqualTo(missed.occurredAt());
            assertThat(command.commandId()).endsWith("/text-in-hours").startsWith("run-");
        });
        JsonPath journey = Flows.journey("glow", missed.callSid());
        assertThat(journey.getBoolean("texted")).isTrue();
        assertThat(journey.getString("answer")).startsWith("Texted: 'Missed Call Text Back' step text-in-hours");
        assertThat(journey.getList("commands")).containsExactly(commands.get(0).commandId());
        assertThat(journey.getList("entries.kind")).containsSubsequence("workflow_entered", "not_texted_recently", "tag_added",
                "within_hours", "command_sent", "run_finished");
        assertThat(journey.getList("workflows.outcome")).containsExactly("texted");
    }

    @Test
    void theBusinessProfileCopyIsReadable() {
        TestTokens.as("glow").get("/api/accounts/glow/business-profile").then().statusCode(200)
                .body("businessName", equalTo("Glow Aesthetics"))
                .body("numbers[0]", equalTo(NUMBER));
        TestTokens.as("nobody").get("/api/accounts/nobody/business-profile").then().statusCode(404);
    }

    @Test
    void aRedeliveredCallMissedSendsNoSecondCommand() {
        CallMissed missed = Flows.send(Flows.missed("glow", "+15551230002", NUMBER, Instant.now()));
        assertThat(Flows.commandsTo("glow", "+15551230002", 1, Duration.ofSeconds(20))).hasSize(1);

        Flows.send(missed);
        Flows.send(missed);
        // A later call of the same caller (same key, same partition) is handled after the repeats.
        CallMissed later = Flows.send(Flows.missed("glow", "+15551230002", NUMBER, Instant.now()));
        Flows.journeyWith("glow", later.callSid(), "run_finished");

        assertThat(Flows.commandsTo("glow", "+15551230002", 1, Duration.ofSeconds(5))).singleElement()
                .extracting(SendMessage::callSid).isEqualTo(missed.callSid());
        TestTokens.as("glow").queryParam("phone", "+15551230002").get("/api/accounts/glow/contacts")
                .then().statusCode(200).body("[0].callCount", equalTo(2))
                .body("[0].tags", equalTo(List.of("1st call", "2nd call")));
        // The call's own row is the inbox: the repeats wrote nothing to its journey and no processed_event row.
        assertThat(Flows.journey("glow", missed.callSid()).getList("entries.kind", String.class)
                .stream().filter("workflow_entered"::equals)).hasSize(1);
        assertThat(inboxRows("workflow-service.calls-missed")).isZero();
    }

    @jakarta.inject.Inject
    jakarta.persistence.EntityManager em;

    private long inboxRows(String consumer) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from processed_event where consumer = ?1")
                .setParameter(1, consumer).getSingleResult()).longValue());
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextOneIsStillHandled() {
        TopicProbe.send(Topics.CALLS_MISSED, "glow/+15551230003", "{\"type\":\"CallMissed.v1\",\"callSid\":\"oops\"}");
        Flows.send(Flows.missed("glow", "+15551230003", NUMBER, Instant.now()));

        assertThat(Flows.commandsTo("glow", "+15551230003", 1, Duration.ofSeconds(20))).hasSize(1);
        // One letter, naming its consumer: calls.missed has one consumer here (the conversation's entry of a missed
        // call is written with the call, so the conversations' consumer does not read the topic).
        List<ConsumerRecord<String, String>> dead = TopicProbe.readUntil(Topics.deadLetter(Topics.CALLS_MISSED),
                rs -> rs.stream().filter(r -> r.value().contains("oops")).count() >= 1, Duration.ofSeconds(20),
                Duration.ofSeconds(2));
        ConsumerRecord<String, String> letter = dead.stream().filter(r -> r.value().contains("oops"))
                .filter(r -> header(r, DeadLetters.CONSUMER_HEADER).equals(CallEventsConsumer.NAME)).findFirst()
                .orElseThrow();
        assertThat(header(letter, DeadLetters.ERROR_HEADER)).contains("not a valid CallMissed");
        assertThat(letter.key()).isEqualTo("glow/+15551230003");
        assertThat(dead.stream().filter(r -> r.value().contains("oops")).map(r -> header(r, DeadLetters.CONSUMER_HEADER)))
                .containsOnly(CallEventsConsumer.NAME);
    }

    @Test
    void aRecordThatDoesNotFitItsSchemaIsDeadLetteredWithTheSchemaErrorNamed() {
        CallMissed valid = Flows.missed("glow", "+15551230005", NUMBER, Instant.now());
        String misfit = EventJson.encode(valid).replace("\"dialStatus\":\"no-answer\"", "\"dialStatus\":\"maybe\"")
                .replace("\"ringSeconds\":15", "\"ringSeconds\":\"twenty\"");
        TopicProbe.send(Topics.CALLS_MISSED, "glow/+15551230005", misfit);
        Flows.send(Flows.missed("glow", "+15551230005", NUMBER, Instant.now()));

        assertThat(Flows.commandsTo("glow", "+15551230005", 1, Duration.ofSeconds(20))).hasSize(1);
        ConsumerRecord<String, String> letter = deadLetter(valid.callSid());
        assertThat(header(letter, DeadLetters.SCHEMA_ERROR_HEADER)).contains("$.dialStatus").contains("$.ringSeconds");
        assertThat(header(letter, DeadLetters.ERROR_HEADER)).contains("does not fit the schema of CallMissed.v1");
        assertThat(letter.value()).isEqualTo(misfit);
    }

    @Test
    void anUnknownCloudEventsTypeOrVersionIsDeadLetteredWithTheReasonAndTheConsumerGoesOn() {
        CallMissed fromTheFuture = Flows.missed("glow", "+15551230006", NUMBER, Instant.now());
        TopicProbe.send(Topics.CALLS_MISSED, "glow/+15551230006", EventJson.encode(fromTheFuture), Map.of(
                "ce_specversion", "1.0", "ce_id", fromTheFuture.eventId(), "ce_type", "com.mctb.CallMissed.v9",
                "ce_source", "call-gateway", "ce_time", Instant.now().toString()));
        Flows.send(Flows.missed("glow", "+15551230006", NUMBER, Instant.now()));

        assertThat(Flows.commandsTo("glow", "+15551230006", 1, Duration.ofSeconds(20))).singleElement()
                .extracting(SendMessage::callSid).isNotEqualTo(fromTheFuture.callSid());
        ConsumerRecord<String, String> letter = deadLetter(fromTheFuture.callSid());
        assertThat(header(letter, DeadLetters.ERROR_HEADER)).contains("unknown ce_type com.mctb.CallMissed.v9");
        assertThat(header(letter, "ce_type")).isEqualTo("com.mctb.CallMissed.v9");
    }

    /** What the outbox relay sends carries the CloudEvents envelope; the value is the event, unchanged. */
    @Test
    void theTextCommandCarriesCloudEventsHeadersAndTheServiceServesTheAsyncApiDocument() {
        CallMissed missed = Flows.send(Flows.missed("glow", "+15551230007", NUMBER, Instant.now()));
        SendMessage command = Flows.commandsTo("glow", "+15551230007", 1, Duration.ofSeconds(20)).get(0);

        ConsumerRecord<String, String> record = TopicProbe.readUntil(Topics.SMS_COMMANDS,
                rs -> rs.stream().anyMatch(r -> r.value().contains(missed.callSid())), Duration.ofSeconds(10),
                Duration.ZERO).stream().filter(r -> r.value().contains(missed.callSid())).findFirst().orElseThrow();
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_id")).isEqualTo(command.eventId());
        assertThat(header(record, "ce_type")).isEqualTo("com.mctb.SendMessage.v1");
        assertThat(header(record, "ce_source")).isEqualTo("workflow-service");
        assertThat(Instant.parse(header(record, "ce_time"))).isBefore(Instant.now().plusSeconds(1));
        assertThat(header(record, "content-type")).isEqualTo("application/json");

        String document = io.restassured.RestAssured.get("/q/asyncapi").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("application/yaml")).extract().asString();
        assertThat(document).startsWith("asyncapi: 3.0.0").isEqualTo(com.mctb.contracts.json.EventSchemas.published().document());
    }

    /** The workflows' consumer's letter for the record (the conversations' consumer writes its own too). */
    private static ConsumerRecord<String, String> deadLetter(String containing) {
        java.util.function.Predicate<ConsumerRecord<String, String>> ours = r -> r.value().contains(containing)
                && CallEventsConsumer.NAME.equals(header(r, DeadLetters.CONSUMER_HEADER));
        return TopicProbe.readUntil(Topics.deadLetter(Topics.CALLS_MISSED), rs -> rs.stream().anyMatch(ours),
                Duration.ofSeconds(20), Duration.ZERO).stream().filter(ours).findFirst().orElseThrow();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void aWithheldCallerIsNotTextedAndTheJourneySaysWhy() {
        CallMissed withheld = new CallMissed(Flows.newCallSid(), "glow", "anonymous", NUMBER, DialStatus.NO_ANSWER,
                null, true, Instant.now());
        TopicProbe.send(Topics.CALLS_MISSED, "glow/anonymous", EventJson.encode(withheld));
        Flows.journey("glow", withheld.callSid());
        TopicProbe.send(Topics.CALLS_MISSED, "glow/anonymous", EventJson.encode(withheld)); // redelivered
        CallMissed next = new CallMissed(Flows.newCallSid(), "glow", "anonymous", NUMBER, DialStatus.NO_ANSWER,
                null, true, Instant.now());
        TopicProbe.send(Topics.CALLS_MISSED, "glow/anonymous", EventJson.encode(next)); // same key: after the repeat
        Flows.journey("glow", next.callSid());

        JsonPath journey = Flows.journey("glow", withheld.callSid());
        assertThat(journey.getBoolean("texted")).isFalse();
        assertThat(journey.getList("entries.kind")).containsExactly("withheld_number");
        assertThat(journey.getString("answer")).isEqualTo("Not texted: the caller withheld their number: there is nobody to text");
        assertThat(Flows.commandsTo("glow", "anonymous", 1, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void anAccountWithNoActiveWorkflowAndTheToggleOffGetsNoTextAndTheJourneySaysWhy() {
        Flows.profile("quiet", "Quiet Dental", "+15557650001");
        CallMissed missed = Flows.send(Flows.missed("quiet", "+15551230004", "+15557650001", Instant.now()));

        JsonPath journey = Flows.journey("quiet", missed.callSid());

        assertThat(journey.getList("entries.kind")).containsExactly("no_active_workflow");
        assertThat(journey.getString("answer")).startsWith("Not texted: no missed-call workflow is active");
        assertThat(Flows.commandsTo("quiet", "+15551230004", 1, Duration.ofSeconds(1))).isEmpty();
        assertThat(Flows.contactByPhone("quiet", "+15551230004").getInt("[0].callCount")).isEqualTo(1);
    }

    @Test
    void theJourneyOfAnUnknownCallIsA404AndAnotherAccountsIsForbidden() {
        TestTokens.as("glow").get("/api/accounts/glow/calls/CAnever/journey").then().statusCode(404);
        TestTokens.as("other").get("/api/accounts/glow/calls/CAnever/journey").then().statusCode(403);
    }

    /**
     * Callers whose redials are spread over the topic's six partitions (and the service's several consumers) by their
     * keys: each caller's calls stay in order, so each is texted once, for their first call, and tagged "2nd call" by
     * the next. (CallMissedThroughputBench measures speed.)
     */
    @Test
    void redialsOfManyCallersAcrossPartitionsAreHandledInOrderAndTextedOnce() throws Exception {
        Flows.profile("burst", "Burst Clinic", "+15557650002");
        Flows.enableTemplate("burst");
        int callers = 100;
        int callsEach = 3;
        Map<String, String> firstCall = new HashMap<>();
        List<CallMissed> calls = new ArrayList<>();
        Instant start = Instant.now();
        for (int round = 0; round < callsEach; round++) {
            for (int c = 0; c < callers; c++) {
                String caller = String.format("+1555400%04d", c);
                CallMissed call = Flows.missed("burst", caller, "+15557650002", start.plusMillis(round * 1000L + c));
                firstCall.putIfAbsent(caller, call.callSid());
                calls.add(call);
            }
        }
        long sendStart = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new StringSerializer())) {
            for (CallMissed call : calls) {
                producer.send(new ProducerRecord<>(Topics.CALLS_MISSED, Keys.accountAndPhone("burst", call.from()),
                        EventJson.encode(call)));
            }
            producer.flush();
        }
        List<SendMessage> commands = Flows.commandsOf("burst", callers, Duration.ofSeconds(60));
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sendStart);

        assertThat(commands).hasSize(callers);
        Map<String, List<SendMessage>> byCaller = commands.stream().collect(Collectors.groupingBy(SendMessage::to));
        assertThat(byCaller).hasSize(callers).allSatisfy((caller, texts) ->
                assertThat(texts).singleElement().extracting(SendMessage::callSid).isEqualTo(firstCall.get(caller)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Flows.contactByPhone("burst", "+15554000099")
                .getList("[0].tags")).containsExactly("1st call", "2nd call"));
        LOG.debugf("%d missed calls -> %d commands in %d ms", calls.size(), commands.size(), elapsedMs);
    }

}

package com.mctb.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.contracts.Topics;
import com.mctb.contracts.event.Event;
import com.mctb.contracts.event.EventTypes;
import com.mctb.contracts.json.EventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The four packaged services, a real Kafka broker process, the local PostgreSQL and the Twilio API stand-in, started
 * by the same launcher as {@code ./mctb}; driven only through the services' APIs and Twilio-signed webhooks. The
 * text reaches the stand-in only if every service does its part: settings-service routes the number, the gateway
 * reports the missed call, workflow-service writes the text, messaging-service sends it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {

    private static Stack stack;
    private static MissedCallScenario scenario;
    private static final String MISSED_CALL = MissedCallScenario.newCallSid();
    private static OtlpCollector traces;

    @BeforeAll
    static void startTheStack() throws IOException {
        Path home = Path.of("").toAbsolutePath().getParent();
        StackConfig config = new StackConfig(home, Path.of("target/e2e-run").toAbsolutePath(),
                freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort(),
                "127.0.0.1", 5432, "postgres", "", "mctb_e2e_" + checkoutTag(home),
                StackConfig.DEV_ACCOUNT_SID, "e2e-auth-token", "https://hooks.e2e.test", "https://hooks.e2e.test");
        traces = new OtlpCollector();
        stack = new Stack(config, System.out).withServiceEnvironment(Map.of(
                // Tracing on, exported over OTLP/HTTP to the collector this test runs in place of Jaeger.
                "QUARKUS_OTEL_SDK_DISABLED", "false",
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", traces.endpoint(),
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms"));
        stack.down();
        stack.resetRunDirectory();
        stack.resetDatabase();
        stack.up();
        scenario = new MissedCallScenario(config, stack.token(MissedCallScenario.ACCOUNT));
        scenario.setUpGlowAesthetics();
        scenario.awaitSettingsPropagated(Duration.ofSeconds(60));
    }

    /** A tag of this checkout, so two checkouts on one machine (git worktrees) do not share a database. */
    private static String checkoutTag(Path home) {
        return String.format("%08x", home.toAbsolutePath().normalize().toString().hashCode());
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.down();
        }
        if (traces != null) {
            traces.close();
        }
    }

    /**
     * The number the scenario bought through settings-service's API (POST …/numbers): held at Twilio (the stand-in)
     * by the account's own subaccount, whose webhook URLs settings-service set there.
     */
    @Test
    @Order(0)
    void theNumberWasBoughtThroughTheApiIntoTheAccountsSubaccountAndConfiguredAtTwilio() {
        StackConfig c = stack.config();
        String settings = c.url(c.settingsPort()) + "/api/accounts/" + MissedCallScenario.ACCOUNT;
        com.fasterxml.jackson.databind.JsonNode twilio = json(scenario.api("GET", settings + "/twilio", null, Map.of()));
        assertThat(twilio.path("accountSid").asText()).isEqualTo(scenario.holder().sid())
                .isNotEqualTo(c.twilioAccountSid());
        assertThat(twilio.path("source").asText()).isEqualTo("SUBACCOUNT");
        assertThat(twilio.toString()).as("never a token").doesNotContain(scenario.holder().authToken());

        com.fasterxml.jackson.databind.JsonNode number = json(scenario.api("GET", settings + "/numbers/"
                + MissedCallScenario.NUMBER, null, Map.of())).path("twilio");
        assertThat(number.path("origin").asText()).isEqualTo("BOUGHT");
        assertThat(number.path("configuration").asText()).isEqualTo("CONFIGURED");
        assertThat(number.path("accountSid").asText()).isEqualTo(scenario.holder().sid());

        com.fasterxml.jackson.databind.JsonNode held = null;
        for (com.fasterxml.jackson.databind.JsonNode n : json(get(c.twilioStandInUrl() + "/stand-in/numbers"))) {
            if (n.path("phone_number").asText().equals(MissedCallScenario.NUMBER)) {
                held = n;
            }
        }
        assertThat(held).as("Twilio holds the number").isNotNull();
        assertThat(held.path("account_sid").asText()).isEqualTo(scenario.holder().sid());
        assertThat(held.path("voice_url").asText()).isEqualTo(c.publicBaseUrl() + "/twilio/voice/incoming");
        assertThat(held.path("status_callback").asText()).isEqualTo(c.publicBaseUrl() + "/twilio/voice/status");
        assertThat(held.path("sms_url").asText()).isEqualTo(c.messagingPublicBaseUrl() + "/twilio/messaging/inbound");
    }

    /** A webhook signed with a valid token of a Twilio account that does not hold To: refused, nothing reported. */
    @Test
    @Order(1)
    void aWebhookWhoseAccountDoesNotHoldTheNumberIsRefused() {
        String callSid = MissedCallScenario.newCallSid();
        var call = scenario.incomingCallSignedByAnotherAccount(callSid, "+15551230044");
        assertThat(call.statusCode()).as(call.body()).isEqualTo(403);
        var text = scenario.inboundTextSignedByAnotherAccount("+15551230044", "let me in");
        assertThat(text.statusCode()).as(text.body()).isEqualTo(403);
        assertThat(scenario.awaitTexts("+15551230044", 1, Duration.ofSeconds(3))).as("no text back").isEmpty();
    }

    @Test
    @Order(1)
    void aCallNobodyAnswersBecomesExactlyOneTextWithTheNamesFilledIn() {
        String dial = scenario.incomingCall(MISSED_CALL, MissedCallScenario.DANA).body();
        assertThat(dial).contains("<Dial").contains("timeout=\"15\"").contains("<Number>+15550001111</Number>");

        String voicemail = scenario.dialComplete(MISSED_CALL, MissedCallScenario.DANA, "no-answer").body();
        assertThat(voicemail).contains("<Record").contains("Glow Aesthetics");

        List<MissedCallScenario.Text> texts = scenario.awaitTexts(MissedCallScenario.DANA, 1, Duration.ofSeconds(60));
        assertThat(texts).hasSize(1);
        MissedCallScenario.Text text = texts.get(0);
        assertThat(text.from()).isEqualTo(MissedCallScenario.NUMBER);
        assertThat(text.to()).isEqualTo(MissedCallScenario.DANA);
        assertThat(text.body()).isEqualTo("Hi Dana, sorry we missed your call at Glow Aesthetics. How can we help?");
    }

    @Test
    @Order(2)
    void twilioRetryingTheDialCallbackAddsNoText() {
        scenario.dialComplete(MISSED_CALL, MissedCallScenario.DANA, "no-answer");
        scenario.dialComplete(MISSED_CALL, MissedCallScenario.DANA, "no-answer");

        assertThat(scenario.awaitTexts(MissedCallScenario.DANA, 2, Duration.ofSeconds(5))).hasSize(1);
    }

    @Test
    @Order(3)
    void anAnsweredCallAddsNoText() {
        String answered = MissedCallScenario.newCallSid();
        scenario.incomingCall(answered, MissedCallScenario.DANA);

        String twiml = scenario.dialComplete(answered, MissedCallScenario.DANA, "completed").body();

        assertThat(twiml).doesNotContain("<Record").doesNotContain("<Say");
        assertThat(scenario.awaitTexts(MissedCallScenario.DANA, 2, Duration.ofSeconds(5))).hasSize(1);
    }

    @Test
    @Order(4)
    void aMissedCallWhileKafkaIsDownIsTextedWhenItComesBack() {
        String callSid = MissedCallScenario.newCallSid();
        String caller = "+15551230002";
        stack.stopKafka();
        try {
            long t0 = System.nanoTime();
            String dial = scenario.incomingCall(callSid, caller).body();
            String voicemail = scenario.dialComplete(callSid, caller, "no-answer").body();
            long answeredMs = (System.nanoTime() - t0) / 1_000_000;

            // The caller noticed nothing: the gateway answered from its local settings and its outbox.
            assertThat(dial).contains("<Dial").contains("timeout=\"15\"");
            assertThat(voicemail).contains("<Record");
            assertThat(answeredMs).isLessThan(5_000);
            assertThat(scenario.awaitTexts(caller, 1, Duration.ofSeconds(3))).isEmpty();

            // Operators see it: services that need Kafka turn not-ready; the gateway stays ready and reports it.
            StackConfig c = stack.config();
            assertThat(health(c.url(c.workflowPort()) + "/q/health/ready")).isEqualTo(503);
            assertThat(health(c.url(c.messagingPort()) + "/q/health/ready")).isEqualTo(503);
            assertThat(health(c.url(c.gatewayPort()) + "/q/health/ready")).isEqualTo(200);
            assertThat(health(c.url(c.gatewayPort()) + "/q/health/well")).isEqualTo(503);
        } finally {
            stack.startKafka();
        }

        List<MissedCallScenario.Text> texts = scenario.awaitTexts(caller, 1, Duration.ofSeconds(90));
        assertThat(texts).hasSize(1);
        assertThat(texts.get(0).body()).startsWith("Hi there, sorry we missed your call at Glow Aesthetics.");
    }

    private static final String AVA_MOBILE = "+15559007701";
    private static String dana;

    /**
     * Issue 15's "done when", through the real services: Ava is assigned the number (with her mobile); Dana, texted
     * after her missed call, replies by a signed webhook; the reply shows unread in the conversations with its body; the
     * team's answer, sent twice with one idempotency key, reaches Twilio once from the account's number and is counted
     * in usage as TEAM_REPLY; Ava's mobile is told of the reply once.
     */
    @Test
    @Order(5)
    void theCallersReplyIsUnreadInTheConversationsAndTheTeamsAnswerIsSentOnceAndMetered() throws Exception {
        StackConfig c = stack.config();
        String settings = c.url(c.settingsPort()) + "/api/accounts/" + MissedCallScenario.ACCOUNT;
        String workflow = c.url(c.workflowPort()) + "/api/accounts/" + MissedCallScenario.ACCOUNT;
        long before = json(scenario.api("GET", workflow + "/business-profile", null, Map.of())).path("version").asLong();
        expectStatus(scenario.api("PUT", settings + "/users/ava", Map.of("name", "Ava", "mobile", AVA_MOBILE), Map.of()),
                200, 201);
        expectStatus(scenario.api("PUT", settings + "/numbers/" + MissedCallScenario.NUMBER,
                Map.of("isDefault", true, "assignedUserId", "ava"), Map.of()), 200);
        awaitTrue(() -> json(scenario.api("GET", workflow + "/business-profile", null, Map.of())).path("version")
                .asLong() >= before + 2, Duration.ofSeconds(30), "the team reached workflow-service");

        String reply = "Thanks! Can I come in Saturday morning?";
        expectStatus(scenario.inboundText(MissedCallScenario.DANA, reply), 200);

        com.fasterxml.jackson.databind.JsonNode danas = awaitNode(() -> {
            for (com.fasterxml.jackson.databind.JsonNode conversation : json(scenario.api("GET", workflow
                    + "/conversations", null, Map.of())).path("conversations")) {
                if (conversation.path("phone").asText().equals(MissedCallScenario.DANA)
                        && conversation.path("last").path("body").asText().equals(reply)) {
                    return conversation;
                }
            }
            return null;
        }, Duration.ofSeconds(60));
        assertThat(danas.path("unread").asInt()).isGreaterThanOrEqualTo(1);
        dana = danas.path("contactId").asText();

        String answer = "Saturday 10:00 is yours, Dana. See you then!";
        Map<String, String> key = Map.of("Idempotency-Key", "e2e-answer-1");
        var first = scenario.api("POST", workflow + "/conversations/" + dana + "/messages", Map.of("body", answer), key);
        var second = scenario.api("POST", workflow + "/conversations/" + dana + "/messages", Map.of("body", answer), key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);

        List<MissedCallScenario.Text> answers = awaitTextsWith(MissedCallScenario.DANA, answer, Duration.ofSeconds(60));
        Thread.sleep(3_000);
        answers = scenario.textsTo(MissedCallScenario.DANA).stream().filter(t -> t.body().equals(answer)).toList();
        assertThat(answers).as("one text for two requests with one key").hasSize(1);
        assertThat(answers.get(0).from()).isEqualTo(MissedCallScenario.NUMBER);

        awaitTrue(() -> json(scenario.api("GET", c.url(c.messagingPort()) + "/api/accounts/"
                        + MissedCallScenario.ACCOUNT + "/usage", null, Map.of())).path("byCause").path("TEAM_REPLY")
                        .path("messages").asInt() == 1, Duration.ofSeconds(30), "usage counts the team's answer");
        awaitTrue(() -> notificationsToAva("Text from Dana").size() == 1, Duration.ofSeconds(30),
                "Ava is told of the reply");
        Thread.sleep(2_000);
        assertThat(notificationsToAva("Text from Dana")).hasSize(1);
        assertThat(notificationsToAva("Text from Dana").get(0).body()).contains(reply);
    }

    /**
     * A voicemail after a missed call: its transcription reaches the conversation, its audio is served to the account
     * (fetched by the gateway from Twilio with the account's credentials) and refused (403) to another; Ava's mobile is
     * told of the missed call once and of the voicemail once.
     */
    @Test
    @Order(6)
    void aVoicemailsTranscriptionAndAudioAreServedToTheAccountAndRefusedToAnother() throws Exception {
        StackConfig c = stack.config();
        String workflow = c.url(c.workflowPort()) + "/api/accounts/" + MissedCallScenario.ACCOUNT;
        String callSid = MissedCallScenario.newCallSid();
        scenario.incomingCall(callSid, MissedCallScenario.DANA);
        String twiml = scenario.dialComplete(callSid, MissedCallScenario.DANA, "no-answer").body();
        String transcription = "Hi, it's Dana. Could we make it 11 instead? Thanks!";
        String recording = scenario.leaveVoicemail(callSid, MissedCallScenario.DANA, twiml, 5, transcription);

        com.fasterxml.jackson.databind.JsonNode voicemail = awaitNode(() -> {
            for (com.fasterxml.jackson.databind.JsonNode entry : json(scenario.api("GET", workflow + "/conversations/"
                    + dana, null, Map.of())).path("entries")) {
                if (recording.equals(entry.path("voicemail").path("recordingSid").asText())
                        && entry.path("voicemail").path("transcriptionStatus").asText().equals("completed")) {
                    return entry.path("voicemail");
                }
            }
            return null;
        }, Duration.ofSeconds(60));
        assertThat(voicemail.path("transcription").asText()).isEqualTo(transcription);
        assertThat(voicemail.path("durationSeconds").asInt()).isEqualTo(5);

        String audio = c.url(c.gatewayPort()) + voicemail.path("audioUrl").asText();
        var served = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(audio)).header("Authorization", "Bearer " + stack.token(MissedCallScenario.ACCOUNT))
                        .header("Range", "bytes=0-43").build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.statusCode()).isEqualTo(206);
        assertThat(served.headers().firstValue("Content-Type")).contains("audio/wav");
        assertThat(served.headers().firstValue("Content-Range")).contains("bytes 0-43/" + (44 + 5 * 8000 * 2));
        assertThat(new String(served.body(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        var refused = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(audio)).header("Authorization", "Bearer " + stack.token("another-account"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);

        awaitTrue(() -> notificationsToAva("Voicemail from Dana").size() == 1
                && notificationsToAva("Missed call from Dana").size() == 1, Duration.ofSeconds(30),
                "Ava is told of the missed call and of the voicemail");
        Thread.sleep(2_000);
        assertThat(notificationsToAva("Missed call from Dana")).hasSize(1);
        assertThat(notificationsToAva("Voicemail from Dana")).hasSize(1);
        assertThat(notificationsToAva("Text from Dana")).as("still one for the reply").hasSize(1);
    }

    private static List<MissedCallScenario.Text> notificationsToAva(String start) {
        return scenario.textsTo(AVA_MOBILE).stream().filter(t -> t.body().startsWith(start)).toList();
    }

    private static List<MissedCallScenario.Text> awaitTextsWith(String to, String body, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<MissedCallScenario.Text> texts = List.of();
        while (System.nanoTime() < deadline) {
            texts = scenario.textsTo(to).stream().filter(t -> t.body().equals(body)).toList();
            if (!texts.isEmpty()) {
                return texts;
            }
            sleep(100);
        }
        return texts;
    }

    private static java.net.http.HttpResponse<String> get(String url) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(url)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(url, e);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode json(java.net.http.HttpResponse<String> response) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(response.statusCode() + " " + response.body(), e);
        }
    }

    private static void expectStatus(java.net.http.HttpResponse<String> response, int... statuses) {
        assertThat(java.util.Arrays.stream(statuses).boxed().toList()).as(response.uri() + ": " + response.body())
                .contains(response.statusCode());
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
            }
            sleep(250);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode awaitNode(
            java.util.function.Supplier<com.fasterxml.jackson.databind.JsonNode> find, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        com.fasterxml.jackson.databind.JsonNode found = find.get();
        while (found == null && System.nanoTime() < deadline) {
            sleep(250);
            found = find.get();
        }
        assertThat(found).as("found within " + timeout.toSeconds() + " s").isNotNull();
        return found;
    }

    /**
     * The CloudEvents envelope on every record every service wrote so far (settings, calls, commands, outcomes,
     * deliveries): ce_id is the event's id, ce_type its versioned type, ce_source the topic's producer.
     */
    @Test
    @Order(7)
    void everyRecordTheServicesProducedCarriesTheCloudEventsHeaders() {
        int checked = 0;
        for (Topics.TopicSpec topic : Topics.EVENT_TOPICS) {
            for (ConsumerRecord<String, String> record : readAll(topic.name())) {
                if (record.value() == null) {
                    continue; // a tombstone: no event, no envelope
                }
                Event event = EventJson.decode(record.value(), Event.class);
                String where = topic.name() + "/" + record.partition() + "@" + record.offset();
                assertThat(header(record, "ce_specversion")).as(where).isEqualTo("1.0");
                assertThat(header(record, "ce_id")).as(where).isEqualTo(event.eventId());
                assertThat(header(record, "ce_type")).as(where).isEqualTo(EventTypes.cloudEventsType(event.getClass()));
                assertThat(header(record, "ce_source")).as(where).isEqualTo(topic.producer());
                assertThat(Instant.parse(header(record, "ce_time"))).as(where).isBefore(Instant.now());
                assertThat(header(record, "content-type")).as(where).isEqualTo("application/json");
                checked++;
            }
        }
        System.out.println("CloudEvents headers checked on " + checked + " records");
        assertThat(checked).isGreaterThan(10);
    }

    /**
     * A record that does not fit CallMissed's schema, written to calls.missed as a foreign producer might: workflow-service
     * dead-letters it with the schema error named, {@code ./mctb dlq list} shows why, and {@code ./mctb dlq replay}
     * refuses to put it back (nothing written).
     */
    @Test
    @Order(8)
    void anInvalidRecordIsDeadLetteredWithItsSchemaErrorAndItsReplayIsRefused() {
        String callSid = MissedCallScenario.newCallSid();
        String misfit = "{\"type\":\"CallMissed.v1\",\"callSid\":\"" + callSid + "\",\"accountId\":\"glow\","
                + "\"from\":\"+15551230077\",\"to\":\"" + MissedCallScenario.NUMBER + "\",\"dialStatus\":\"maybe\","
                + "\"callerWithheld\":false,\"occurredAt\":\"" + Instant.now() + "\"}";
        produce(Topics.CALLS_MISSED, "glow/+15551230077", misfit, Map.of());

        // Two of workflow-service's consumer groups read calls.missed (the workflows' and the conversations'): each
        // dead-letters the misfit; the workflows' letter is the one looked at here.
        ConsumerRecord<String, String> letter = awaitDeadLetter(callSid, "workflow-service.calls-missed");
        assertThat(header(letter, "dlq-schema-error")).contains("$.dialStatus");
        assertThat(header(letter, "dlq-consumer")).isEqualTo("workflow-service.calls-missed");

        Mctb list = mctb("dlq", "list", "--topic", "calls.missed", "--bootstrap-server", stack.config().kafkaBootstrap());
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("offset " + letter.offset()).contains("schema: $.dialStatus");
        Mctb show = mctb("dlq", "show", "--topic", "calls.missed.dlq", "--offset", String.valueOf(letter.offset()),
                "--bootstrap-server", stack.config().kafkaBootstrap());
        assertThat(show.out()).contains("dlq-error: ").contains("\"dialStatus\" : \"maybe\"");

        long before = readAll(Topics.CALLS_MISSED).size();
        Mctb replay = mctb("dlq", "replay", "--topic", "calls.missed", "--offset", String.valueOf(letter.offset()),
                "--bootstrap-server", stack.config().kafkaBootstrap());
        assertThat(replay.exit()).isEqualTo(1);
        assertThat(replay.out()).contains("refused, nothing written").contains("$.dialStatus");
        assertThat(readAll(Topics.CALLS_MISSED)).hasSize((int) before);
    }

    /**
     * A missed call that was dead-lettered (as workflow-service writes one when handling failed for a reason since
     * fixed) is replayed with {@code ./mctb dlq replay}: the caller is texted once; replayed again, the inbox drops it.
     */
    @Test
    @Order(9)
    void aDeadLetterReplayedWithMctbIsHandledOnceHoweverOftenItIsReplayed() {
        String caller = "+15551230088";
        String callSid = MissedCallScenario.newCallSid();
        String event = "{\"type\":\"CallMissed.v1\",\"callSid\":\"" + callSid + "\",\"accountId\":\"glow\","
                + "\"from\":\"" + caller + "\",\"to\":\"" + MissedCallScenario.NUMBER + "\",\"dialStatus\":\"no-answer\","
                + "\"ringSeconds\":15,\"callerWithheld\":false,\"occurredAt\":\"" + Instant.now() + "\"}";
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", "CallMissed/" + callSid);
        headers.put("ce_type", "com.mctb.CallMissed.v1");
        headers.put("ce_source", "call-gateway");
        headers.put("ce_time", Instant.now().toString());
        headers.put("dlq-error", "java.lang.IllegalStateException: the workflow could not be read (since fixed)");
        headers.put("dlq-consumer", "workflow-service.calls-missed");
        headers.put("dlq-source", "calls.missed/0@0");
        long offset = produce(Topics.deadLetter(Topics.CALLS_MISSED), "glow/" + caller, event, headers);
        assertThat(scenario.awaitTexts(caller, 1, Duration.ofSeconds(2))).isEmpty();

        Mctb replay = mctb("dlq", "replay", "--topic", "calls.missed", "--offset", String.valueOf(offset),
                "--bootstrap-server", stack.config().kafkaBootstrap());
        assertThat(replay.exit()).as(replay.out()).isZero();
        assertThat(replay.out()).contains("replayed calls.missed.dlq/0@" + offset + " -> calls.missed/");

        assertThat(scenario.awaitTexts(caller, 1, Duration.ofSeconds(60))).hasSize(1);
        assertThat(mctb("dlq", "replay", "--topic", "calls.missed", "--offset", String.valueOf(offset),
                "--bootstrap-server", stack.config().kafkaBootstrap()).exit()).isZero();
        assertThat(scenario.awaitTexts(caller, 2, Duration.ofSeconds(8))).hasSize(1);
        assertThat(readAll(Topics.CALLS_MISSED).stream().filter(r -> r.value().contains(callSid)))
                .hasSize(2).allSatisfy(r -> assertThat(header(r, "mctb-replayed-from"))
                        .isEqualTo("calls.missed.dlq/0@" + offset));
    }

    /** README "A consumer's quick start", line for line (the poll repeated until the group has joined). */
    @Test
    @Order(10)
    void aNewServiceReadsMissedCallsInItsOwnGroupAsTheQuickStartSays() throws Exception {
        List<String> seen = new java.util.ArrayList<>();
        Map<String, Object> config = Map.of("bootstrap.servers", stack.config().kafkaBootstrap(), "group.id", "lead-scoring",
                "auto.offset.reset", "earliest", "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of("calls.missed"));
            for (long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos(); seen.isEmpty()
                    && System.nanoTime() < deadline; ) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(5))) {
                    org.apache.kafka.common.header.Header type = record.headers().lastHeader("ce_type");
                    if (type == null || !"com.mctb.CallMissed.v1".equals(new String(type.value(), StandardCharsets.UTF_8))) continue;
                    com.fasterxml.jackson.databind.JsonNode call = new com.fasterxml.jackson.databind.ObjectMapper().readTree(record.value());
                    seen.add(call.get("accountId").asText() + ": missed call from " + call.get("from").asText());
                }
            }
        }
        assertThat(seen).contains("glow: missed call from " + MissedCallScenario.DANA);
    }

    @Test
    @Order(20)
    void oneTraceFollowsAMissedCallFromTheWebhookToTwiliosStatusCallback() {
        // The first test's call: webhook → calls.missed → workflow → sms.commands → Twilio → status callback.
        List<OtlpCollector.ReceivedSpan> trace = traceOfAMissedCallThatReachedTwilio();
        for (long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos(); trace.isEmpty()
                && System.nanoTime() < deadline; trace = traceOfAMissedCallThatReachedTwilio()) {
            sleep(250);
        }
        assertThat(trace).as("a trace from the dial-complete webhook to a delivered callback; spans received: %s",
                traces.spans().size()).isNotEmpty();

        // Every hop, each in its own process, in the one trace...
        assertThat(trace).extracting(s -> s.service() + " " + s.name()).contains(
                "call-gateway POST /twilio/voice/dial-complete",
                "call-gateway calls.missed publish",
                "workflow-service calls.missed process",
                "workflow-service sms.commands publish",
                "messaging-service sms.commands process",
                "messaging-service twilio create message",
                "messaging-service twilio status sent",
                "messaging-service twilio status delivered");
        // ...and one tree: from the delivered callback, parent by parent, back to the gateway's webhook.
        Map<String, OtlpCollector.ReceivedSpan> byId = new java.util.HashMap<>();
        trace.forEach(s -> byId.put(s.spanId(), s));
        OtlpCollector.ReceivedSpan span = trace.stream().filter(s -> s.name().equals("twilio status delivered"))
                .findFirst().orElseThrow();
        List<String> path = new java.util.ArrayList<>();
        while (span != null) {
            path.add(0, span.service() + " " + span.name());
            span = span.parentSpanId() == null ? null : byId.get(span.parentSpanId());
        }
        System.out.println("one trace: " + String.join(" -> ", path));
        assertThat(path.get(0)).isEqualTo("call-gateway POST /twilio/voice/dial-complete");
        assertThat(path).containsSubsequence("call-gateway calls.missed publish", "workflow-service calls.missed process",
                "workflow-service sms.commands publish", "messaging-service sms.commands process",
                "messaging-service twilio status delivered");
    }

    /** The spans of a trace that has both the dial-complete webhook and a delivered callback; empty when none yet. */
    private static List<OtlpCollector.ReceivedSpan> traceOfAMissedCallThatReachedTwilio() {
        Map<String, List<OtlpCollector.ReceivedSpan>> byTrace = traces.spans().stream()
                .collect(java.util.stream.Collectors.groupingBy(OtlpCollector.ReceivedSpan::traceId));
        return byTrace.values().stream()
                .filter(t -> t.stream().anyMatch(s -> s.name().equals("POST /twilio/voice/dial-complete")))
                .filter(t -> t.stream().anyMatch(s -> s.name().equals("twilio status delivered")))
                .filter(t -> t.stream().anyMatch(s -> s.name().equals("twilio create message")))
                .findFirst().orElse(List.of());
    }

    record Mctb(int exit, String out) {
    }

    /** {@code ./mctb ARGS} in this JVM, with what it printed. */
    private static Mctb mctb(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine line = Main.commandLine();
        line.setOut(new java.io.PrintWriter(out, true));
        line.setErr(new java.io.PrintWriter(out, true));
        int exit = line.execute(args);
        System.out.println("./mctb " + String.join(" ", args) + " -> " + exit + "\n" + out);
        return new Mctb(exit, out.toString());
    }

    private static ConsumerRecord<String, String> awaitDeadLetter(String containing, String consumer) {
        for (long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos(); System.nanoTime() < deadline; ) {
            var found = readAll(Topics.deadLetter(Topics.CALLS_MISSED)).stream()
                    .filter(r -> r.value() != null && r.value().contains(containing))
                    .filter(r -> consumer.equals(header(r, "dlq-consumer"))).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            sleep(500);
        }
        throw new AssertionError("no dead letter of " + consumer + " holding " + containing
                + " on calls.missed.dlq within 30 s");
    }

    /** Writes a record as another service would; returns its offset. */
    private static long produce(String topic, String key, String value, Map<String, String> headers) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.config().kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            return producer.send(record).get(10, TimeUnit.SECONDS).offset();
        } catch (Exception e) {
            throw new AssertionError("could not write to " + topic, e);
        }
    }

    /** Every record on a topic now, read without a consumer group. */
    private static List<ConsumerRecord<String, String>> readAll(String topic) {
        List<ConsumerRecord<String, String>> records = new java.util.ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.config().kafkaBootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static int health(String url) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                    .timeout(Duration.ofSeconds(10)).GET().build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new AssertionError("no answer from " + url, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

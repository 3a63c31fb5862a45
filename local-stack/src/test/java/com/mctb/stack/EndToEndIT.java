package com.mctb.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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

    @Test
    @Order(10)
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

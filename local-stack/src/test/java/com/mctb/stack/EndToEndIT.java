package com.mctb.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    @BeforeAll
    static void startTheStack() throws IOException {
        Path home = Path.of("").toAbsolutePath().getParent();
        StackConfig config = new StackConfig(home, Path.of("target/e2e-run").toAbsolutePath(),
                freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort(),
                "127.0.0.1", 5432, "postgres", "", "mctb_e2e",
                StackConfig.DEV_ACCOUNT_SID, "e2e-auth-token", "https://hooks.e2e.test", "https://hooks.e2e.test");
        stack = new Stack(config, System.out);
        stack.down();
        stack.resetRunDirectory();
        stack.resetDatabase();
        stack.up();
        scenario = new MissedCallScenario(config, stack.token(MissedCallScenario.ACCOUNT));
        scenario.setUpGlowAesthetics();
        scenario.awaitSettingsPropagated(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.down();
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

package com.mctb.workflow.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mctb.contracts.Keys;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.BusinessProfileChanged;
import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.DialStatus;
import com.mctb.contracts.event.SendMessage;
import com.mctb.contracts.json.EventJson;
import com.mctb.testkit.TestKafka;
import com.mctb.testkit.TestPostgres;
import com.mctb.testkit.TestTokens;
import com.mctb.testkit.TopicProbe;
import com.mctb.workflow.support.Flows;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service as a process, against a real broker and database: runs start waiting, the process is killed
 * with SIGKILL, their waits come due while it is down, and a new process fires each of them exactly once.
 */
class WaitSurvivesRestartIT {

    private static final String ACCOUNT = "restart";
    private static final String NUMBER = "+15557659901";
    private static final int CALLERS = 20;

    private final List<Process> started = new ArrayList<>();

    @Test
    void waitsThatComeDueWhileTheServiceIsDownFireOnceWhenItIsBack() throws Exception {
        String bootstrap = TestKafka.start();
        String jdbc = TestPostgres.start();
        int port = freePort();

        Process first = start(bootstrap, jdbc, port, 1);
        // A zone where it is midday: quiet hours (on by default, 21:00-08:00 local) would otherwise hold the texts
        // whenever the suite runs at night in New York.
        TopicProbe.send(Topics.SETTINGS_BUSINESS, Keys.account(ACCOUNT), EventJson.encode(new BusinessProfileChanged(
                ACCOUNT, "Restart Dental", Flows.MIDDAY_ZONE, List.of(NUMBER), NUMBER, null, null, 1, Instant.now())));
        await().atMost(Duration.ofSeconds(30)).until(() -> api(port).get("/api/accounts/restart/business-profile")
                .statusCode() == 200);
        String workflow = api(port).contentType(ContentType.JSON).body("""
                {"name": "After the outage", "steps": [{"id": "w", "type": "wait", "duration": "15s"},
                  {"id": "text", "type": "send_sms", "body": "Hi {{contact.first_name | default: \\"there\\"}}, still need us?"}]}""")
                .post("/api/accounts/restart/workflows").then().statusCode(201).extract().path("id");
        api(port).post("/api/accounts/restart/workflows/" + workflow + "/activate").then().statusCode(200);

        Instant calledAt = Instant.now();
        List<CallMissed> calls = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            CallMissed call = new CallMissed("CArestart" + i + "x" + calledAt.toEpochMilli(), ACCOUNT,
                    String.format("+1555990%04d", i), NUMBER, DialStatus.NO_ANSWER, 15, false, calledAt);
            TopicProbe.send(Topics.CALLS_MISSED, Keys.accountAndPhone(ACCOUNT, call.from()), EventJson.encode(call));
            calls.add(call);
        }
        for (CallMissed call : calls) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                var r = api(port).get("/api/accounts/restart/calls/" + call.callSid() + "/journey");
                return r.statusCode() == 200 && r.jsonPath().getList("workflows.status").contains("waiting");
            });
        }

        first.destroyForcibly();
        assertThat(first.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(20),
                java.util.concurrent.TimeUnit.MILLISECONDS)).isTrue();
        // 15 s: long enough for the 20 journeys to be seen waiting on a loaded machine before the kill.
        Instant due = calledAt.plusSeconds(15);
        await().atMost(Duration.ofSeconds(20)).until(() -> Instant.now().isAfter(due.plusSeconds(2)));
        assertThat(commands(0, Duration.ZERO)).as("nothing could fire while the service was down").isEmpty();

        start(bootstrap, jdbc, port, 2);

        List<SendMessage> texts = commands(CALLERS, Duration.ofSeconds(60));
        assertThat(texts).hasSize(CALLERS);
        Map<String, Long> perCaller = texts.stream().collect(Collectors.groupingBy(SendMessage::to, Collectors.counting()));
        assertThat(perCaller).hasSize(CALLERS).allSatisfy((caller, n) -> assertThat(n).as(caller).isEqualTo(1));
        assertThat(texts).allSatisfy(t -> assertThat(t.body()).isEqualTo("Hi there, still need us?"));
        var journey = api(port).get("/api/accounts/restart/calls/" + calls.get(0).callSid() + "/journey").jsonPath();
        assertThat(journey.getList("workflows.outcome")).containsExactly("texted");
        assertThat(journey.getList("entries.detail", String.class)).anySatisfy(d -> assertThat(d).contains("late"));
    }

    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroy();
                if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    private List<SendMessage> commands(int atLeast, Duration wait) {
        String prefix = ACCOUNT + "/";
        return TopicProbe.readUntil(Topics.SMS_COMMANDS, rs -> rs.stream().filter(r -> r.key().startsWith(prefix)).count()
                        >= atLeast, wait, Duration.ofSeconds(1)).stream()
                .filter(r -> r.key().startsWith(prefix))
                .map(r -> EventJson.decode(r.value(), SendMessage.class))
                .toList();
    }

    private Process start(String bootstrap, String jdbc, int port, int n) throws IOException {
        Path jar = Path.of(System.getProperty("quarkus.app.jar", "target/quarkus-app/quarkus-run.jar"));
        assertThat(jar).as("the packaged service").exists();
        Path log = Path.of("target", "restart-it-" + n + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", jar.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("PORT", Integer.toString(port));
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("DB_URL", jdbc);
        env.put("DB_USER", TestPostgres.user());
        env.put("DB_PASSWORD", TestPostgres.password() == null ? "" : TestPostgres.password());
        env.put("MCTB_JWT_PUBLIC_KEY", TestTokens.publicKeyFile());
        Process process = builder.start();
        started.add(process);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(process.isAlive()).as("the service stopped; see " + log).isTrue();
            try {
                return RestAssured.given().port(port).get("/q/health/ready").statusCode() == 200;
            } catch (Exception notYet) {
                return false;
            }
        });
        return process;
    }

    private static RequestSpecification api(int port) {
        return TestTokens.as(ACCOUNT).port(port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

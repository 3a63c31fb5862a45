package com.mctb.gateway.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.DialStatus;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TwilioStandInResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A database that stops answering does not hold a caller: while another transaction holds {@code call_outcome}
 * locked (the writer's insert waits on it), a missed call's webhook is still answered with its voicemail TwiML, the
 * call is on the disk spool, and once the lock goes it is published exactly once.
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class StalledDatabaseTest {

    @Inject
    DataSource dataSource;

    @BeforeEach
    void numbersAreKnownToTheGateway() {
        KnownNumbers.publishAndAwait();
    }

    @Test
    void aMissedCallIsAnsweredAndSpooledWhileTheDatabaseIsStalledAndPublishedOnceAfter() throws Exception {
        String callSid = Webhooks.callSid(8_001);
        Response response;
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("lock table gateway.call_outcome in access exclusive mode");
            }

            // Posted from another thread, so a webhook that waited for the database would be seen to hang here.
            CompletableFuture<Response> posted = CompletableFuture.supplyAsync(() -> Webhooks.post(
                    "/twilio/voice/dial-complete", Webhooks.dialComplete(callSid, KnownNumbers.CALLER, KnownNumbers.GLOW,
                            "no-answer")));
            response = posted.get(10, TimeUnit.SECONDS);

            assertThat(response.statusCode()).isEqualTo(200);
            TwiMl twiml = TwiMl.parse(response.asString());
            assertThat(twiml.verbs()).containsExactly("Say", "Record", "Hangup");
            assertThat(twiml.one("Say").getTextContent()).contains("Glow Aesthetics");
            assertThat(spooled()).anyMatch(line -> line.contains(callSid));
            assertThat(KnownNumbers.missedCalls(callSid, 0)).as("nothing published while the row cannot be written")
                    .isEmpty();
            lock.rollback();
        }

        List<CallMissed> published = KnownNumbers.missedCalls(callSid, 1);
        assertThat(published).singleElement().satisfies(m -> {
            assertThat(m.dialStatus()).isEqualTo(DialStatus.NO_ANSWER);
            assertThat(m.accountId()).isEqualTo("glow");
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> spooled().noneMatch(line -> line.contains(callSid)));
    }

    /** Every line on the spool (the file being appended and the sealed ones being replayed). */
    private static Stream<String> spooled() throws Exception {
        Path dir = Path.of("target/spool");
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("missed-calls."))
                    .flatMap(p -> {
                        try {
                            return Files.readAllLines(p, StandardCharsets.UTF_8).stream();
                        } catch (java.io.IOException e) {
                            return Stream.empty(); // sealed and replayed meanwhile
                        }
                    }).toList().stream();
        }
    }
}

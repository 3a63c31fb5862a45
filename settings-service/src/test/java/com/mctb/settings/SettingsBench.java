package com.mctb.settings;

import com.mctb.contracts.Topics;
import com.mctb.contracts.event.CallSettingsChanged;
import com.mctb.contracts.json.EventJson;
import com.mctb.settings.domain.audio.GreetingAudio;
import com.mctb.settings.domain.audio.TestAudio;
import com.mctb.settings.testing.Fixtures;
import com.mctb.settings.testing.TwilioStandIn;
import com.mctb.settings.testing.WorkflowServiceStandIn;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestKafka;
import com.mctb.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The figures in the README, against the real broker and database of the tests. Not a test (Surefire does not pick
 * up *Bench): {@code ./mvnw -B install -pl settings-service -Dtest=SettingsBench}, then grep the output for BENCH.
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(WorkflowServiceStandIn.class)
@WithTestResource(TwilioStandIn.class)
class SettingsBench {

    @Test
    void measure() throws Exception {
        byte[] mp3 = TestAudio.mp3Seconds(179, 320);
        byte[] wav = TestAudio.wav(160, 32000, 1, 16);
        for (int i = 0; i < 5; i++) {
            GreetingAudio.check(mp3);
            GreetingAudio.check(wav);
        }
        List<Long> mp3Checks = new ArrayList<>();
        List<Long> wavChecks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long t = System.nanoTime();
            GreetingAudio.check(mp3);
            mp3Checks.add(System.nanoTime() - t);
            t = System.nanoTime();
            GreetingAudio.check(wav);
            wavChecks.add(System.nanoTime() - t);
        }
        report("GreetingAudio.check, " + mp3.length + " B MP3 of 179 s (frame walk)", mp3Checks);
        report("GreetingAudio.check, " + wav.length + " B WAV", wavChecks);

        Fixtures.account("bench", "Bench");
        Fixtures.number("bench", "+15559990001");
        HttpClient http = HttpClient.newHttpClient();
        byte[] body = TestAudio.concat(("--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"g.mp3\"\r\n"
                + "Content-Type: audio/mpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII), mp3,
                "\r\n--b0undary--\r\n".getBytes(StandardCharsets.US_ASCII));
        List<Long> uploads = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long t = System.nanoTime();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":"
                                    + RestAssured.port + "/api/accounts/bench/call-settings/greeting"))
                            .header("Authorization", "Bearer " + TestTokens.forAccount("bench"))
                            .header("Content-Type", "multipart/form-data; boundary=b0undary")
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            uploads.add(System.nanoTime() - t);
            if (response.statusCode() / 100 != 2) {
                throw new AssertionError(response.statusCode() + " " + response.body());
            }
        }
        report("upload of that MP3 (PUT multipart, checked, stored, published, committed)", uploads);

        String preview = "/api/accounts/bench/call-settings/greeting";
        List<Long> whole = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long t = System.nanoTime();
            TestTokens.as("bench").get(preview).then().statusCode(200);
            whole.add(System.nanoTime() - t);
        }
        report("GET the whole greeting", whole);
        Random random = new Random(1);
        List<Long> ranges = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int from = random.nextInt(mp3.length - 65536);
            long t = System.nanoTime();
            TestTokens.as("bench").header("Range", "bytes=" + from + "-" + (from + 65535)).get(preview).then().statusCode(206);
            ranges.add(System.nanoTime() - t);
        }
        report("GET a 64 KiB range at a random offset", ranges);

        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SETTINGS_CALL).stream()
                    .map(p -> new TopicPartition(Topics.SETTINGS_CALL, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            List<Long> published = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int timeout = 10 + i;
                TestTokens.as("bench").contentType(ContentType.JSON).body(Map.of("timeoutSeconds", timeout))
                        .put("/api/accounts/bench/call-settings").then().statusCode(200);
                long answered = System.nanoTime();
                boolean seen = false;
                while (!seen) {
                    for (var r : consumer.poll(Duration.ofMillis(5))) {
                        seen |= r.key().equals("bench/+15559990001")
                                && EventJson.decode(r.value(), CallSettingsChanged.class).timeoutSeconds() == timeout;
                    }
                }
                published.add(System.nanoTime() - answered);
            }
            report("PUT call-settings answered -> the number's record read from settings.call", published);
        }
    }

    private static void report(String what, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf("BENCH %s: n=%d p50=%.1f ms p95=%.1f ms max=%.1f ms%n", what, sorted.size(),
                sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1) / 1e6,
                sorted.get(sorted.size() - 1) / 1e6);
    }
}

package com.mctb.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mctb.contracts.Keys;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.Channel;
import com.mctb.contracts.event.MessageCause;
import com.mctb.contracts.event.SendMessage;
import com.mctb.contracts.json.EventJson;
import com.mctb.messaging.support.TwilioWebhooks;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestKafka;
import com.mctb.testkit.TestTokens;
import com.mctb.testkit.TwilioStandInResource;
import com.mctb.twilio.standin.SentMessage;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Drives SendMessage commands through the real broker, the service and the Twilio stand-in (all in this JVM, with
 * PostgreSQL beside it, on this 2-core machine) at a fixed rate, then checks that every command became exactly one
 * Twilio request and reports the time from the command's missedAt to Twilio receiving the request.
 * Not part of the normal test run (the name does not match Surefire's patterns):
 * {@code ./mvnw -B install -pl messaging-service -Dtest=MessagingThroughputBench -Dbench.rate=1000 -Dbench.seconds=20}
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class MessagingThroughputBench {

    @jakarta.inject.Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @jakarta.inject.Inject
    javax.sql.DataSource db;

    private static final int SENDERS = 50;
    /**
     * Twilio's status callbacks (sent, then delivered) for every text, as a missed call's text gets them:
     * {@code concurrent} (default) posts them from 16 threads, as Twilio's many servers do; {@code standin} lets the
     * stand-in post them, from its one thread; {@code off}.
     */
    private static final String CALLBACKS_MODE = System.getProperty("bench.callbacks", "concurrent");
    private static final boolean CALLBACKS = !CALLBACKS_MODE.equals("off");

    @Test
    void sustainedRateWithNothingLostAndNothingTwice() {
        if (CALLBACKS_MODE.equals("standin")) {
            TwilioStandInResource.standIn().postStatusCallbacks(TwilioStandInResource.AUTH_TOKEN,
                    TwilioWebhooks.PUBLIC_BASE, "http://localhost:" + io.restassured.RestAssured.port,
                    List.of("sent", "delivered"), Duration.ofMillis(50));
        }
        try (StatusCallbacks callbacks = CALLBACKS_MODE.equals("concurrent") ? new StatusCallbacks() : null) {
            bench();
        }
    }

    private void bench() {
        run("warm-up", 200, 5);
        Result slow = run("200/s", 200, Integer.getInteger("bench.slow.seconds", 10));
        Result fast = run(Integer.getInteger("bench.rate", 1000) + "/s", Integer.getInteger("bench.rate", 1000),
                Integer.getInteger("bench.seconds", 20));
        for (String timer : List.of("mctb.commands.intake.delay", "mctb.twilio.request", "mctb.speed.to.lead")) {
            registry.find(timer).timers().forEach(t -> System.out.printf("BENCH timer %s %s: count %d, mean %.1f ms, max %.1f ms%n",
                    timer, t.getId().getTags(), t.count(), t.mean(java.util.concurrent.TimeUnit.MILLISECONDS),
                    t.max(java.util.concurrent.TimeUnit.MILLISECONDS)));
        }
        System.out.println("BENCH " + slow);
        System.out.println("BENCH " + fast);
        TwilioStandInResource.standIn().stopStatusCallbacks();
        assertThat(slow.lost + fast.lost).isZero();
        assertThat(slow.duplicates + fast.duplicates).isZero();
    }

    private Result run(String name, int perSecond, int seconds) {
        TwilioStandInResource.standIn().reset();
        String account = "bench-" + name.replaceAll("[^a-z0-9]", "") + "-" + System.nanoTime();
        int total = perSecond * seconds;
        Map<String, Long> sentAt = new ConcurrentHashMap<>(total * 2);
        long interval = 1_000_000_000L / perSecond;
        long[] dbBefore = databaseCounters();
        long cpuBefore = processCpuNanos();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer())) {
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                long now;
                while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(due - now);
                }
                String to = String.format("+1556%07d", i);
                String from = String.format("+1557000%04d", i % SENDERS);
                Instant missedAt = Instant.now();
                SendMessage command = new SendMessage(account + "/" + i, account, Channel.SMS, from, to,
                        "Hi, sorry we missed your call. #" + i, MessageCause.WORKFLOW, null, missedAt, missedAt, null);
                sentAt.put(to, missedAt.getEpochSecond() * 1_000_000_000L + missedAt.getNano());
                producer.send(new ProducerRecord<>(Topics.SMS_COMMANDS, Keys.accountAndPhone(account, to),
                        EventJson.encode(command)));
            }
            producer.flush();
            long producedIn = System.nanoTime() - start;
            await().atMost(Duration.ofSeconds(seconds * 3L + 60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> ours(sentAt).size() >= total);
            long drainedIn = System.nanoTime() - start;
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> ours(sentAt).size() >= total);
            List<SentMessage> sent = ours(sentAt);
            Map<String, Long> perRecipient = sent.stream().collect(Collectors.groupingBy(SentMessage::to, Collectors.counting()));
            long duplicates = perRecipient.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
            long lost = sentAt.keySet().stream().filter(to -> !perRecipient.containsKey(to)).count();
            long[] latencies = sent.stream().mapToLong(m -> m.receivedAtEpochNanos() - sentAt.get(m.to())).sorted().toArray();
            await().atMost(Duration.ofSeconds(30)).until(() -> TestTokens.as(account)
                    .get("/api/accounts/" + account + "/usage").then().extract().path("messages").equals(total));
            if (CALLBACKS) {
                await().atMost(Duration.ofSeconds(seconds * 3L + 60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> delivered(account) >= total);
            }
            long cpu = processCpuNanos() - cpuBefore;
            // PostgreSQL's backends report their counters when idle (at the latest 10 s after their last transaction).
            LockSupport.parkNanos(Duration.ofSeconds(11).toNanos());
            long[] dbAfter = databaseCounters();
            return new Result(name, total, producedIn / 1e9, drainedIn / 1e9, lost, duplicates,
                    percentile(latencies, 0.50), percentile(latencies, 0.95), percentile(latencies, 0.99),
                    percentile(latencies, 1.0), cpu / 1e6 / total, (dbAfter[0] - dbBefore[0]) / (double) total,
                    (dbAfter[1] - dbBefore[1]) / (double) total);
        }
    }

    /** This JVM's CPU time: the service, and beside it the broker, the stand-in and the load generator. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The test database's committed transactions and rows written (inserted + updated + deleted), all backends. */
    private long[] databaseCounters() {
        try (java.sql.Connection c = db.getConnection(); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("select xact_commit, tup_inserted + tup_updated + tup_deleted"
                        + " from pg_stat_database where datname = current_database()")) {
            r.next();
            return new long[] {r.getLong(1), r.getLong(2)};
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long delivered(String account) {
        try (java.sql.Connection c = db.getConnection(); java.sql.PreparedStatement s = c.prepareStatement(
                "select count(*) from message where account_id = ? and status = 'DELIVERED'")) {
            s.setString(1, account);
            try (java.sql.ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Posts each text's status callbacks, signed as Twilio signs them, from a pool of threads. */
    private static final class StatusCallbacks implements AutoCloseable {

        private final java.util.concurrent.ExecutorService posters = java.util.concurrent.Executors.newFixedThreadPool(16);
        private final java.util.concurrent.ScheduledExecutorService scan =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        private int seen;

        StatusCallbacks() {
            scan.scheduleWithFixedDelay(this::postNew, 20, 20, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        private void postNew() {
            List<SentMessage> sent = TwilioStandInResource.standIn().sentMessages();
            if (sent.size() < seen) {
                seen = 0;
            }
            for (SentMessage m : sent.subList(seen, sent.size())) {
                posters.execute(() -> {
                    post(m, "sent");
                    post(m, "delivered");
                });
            }
            seen = sent.size();
        }

        private void post(SentMessage m, String status) {
            String url = m.params().get("StatusCallback");
            if (url == null) {
                return;
            }
            Map<String, String> form = new java.util.LinkedHashMap<>();
            form.put("AccountSid", m.accountSid());
            form.put("ApiVersion", "2010-04-01");
            form.put("From", m.params().getOrDefault("From", ""));
            form.put("MessageSid", m.sid());
            form.put("MessageStatus", status);
            form.put("SmsSid", m.sid());
            form.put("SmsStatus", status);
            form.put("To", m.to());
            String body = form.entrySet().stream().map(e -> e.getKey() + "="
                    + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            try {
                http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                                        + io.restassured.RestAssured.port + url.substring(TwilioWebhooks.PUBLIC_BASE.length())))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("X-Twilio-Signature", com.mctb.twilio.standin.TwilioWebhookSigner.sign(
                                        TwilioStandInResource.AUTH_TOKEN, url, form))
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
            } catch (Exception e) {
                System.out.println("BENCH callback failed: " + e);
            }
        }

        @Override
        public void close() {
            scan.shutdownNow();
            posters.shutdownNow();
        }
    }

    private static List<SentMessage> ours(Map<String, Long> sentAt) {
        return TwilioStandInResource.standIn().sentMessages().stream().filter(m -> sentAt.containsKey(m.to())).toList();
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private record Result(String name, int texts, double producedSeconds, double drainedSeconds, long lost,
            long duplicates, double p50Ms, double p95Ms, double p99Ms, double maxMs, double cpuMsPerText,
            double transactionsPerText, double rowsWrittenPerText) {
        @Override
        public String toString() {
            return String.format("%s: %d texts offered in %.1f s, all at Twilio after %.1f s (%.0f texts/s); lost %d, "
                            + "duplicates %d; missedAt -> Twilio request p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms;"
                            + " per text (status callbacks: %s): JVM CPU %.2f ms, PostgreSQL transactions %.2f, rows written %.2f",
                    name, texts, producedSeconds, drainedSeconds, texts / drainedSeconds, lost, duplicates, p50Ms, p95Ms,
                    p99Ms, maxMs, CALLBACKS_MODE, cpuMsPerText, transactionsPerText, rowsWrittenPerText);
        }
    }
}

package com.mctb.workflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.contracts.Keys;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.DialStatus;
import com.mctb.contracts.event.SendMessage;
import com.mctb.contracts.json.EventJson;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TestKafka;
import com.mctb.workflow.support.Flows;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Not part of the suite (no *Test suffix): missed calls at a fixed rate through the real broker and database, from
 * distinct callers, to an account with the ready template; measures CallMissed -> SendMessage written (the command's
 * requestedAt minus the call's occurredAt, stamped when it was produced). Run it alone:
 * {@code ./mvnw -B install -pl workflow-service -Dtest=CallMissedThroughputBench -DskipITs -Dbench.rate=1000
 * -Dbench.seconds=10 -Dbench.warmup=3000}
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
class CallMissedThroughputBench {

    private static final Logger LOG = Logger.getLogger(CallMissedThroughputBench.class);

    @Test
    void missedCallsAtAFixedRate() {
        int rate = Integer.getInteger("bench.rate", 1000);
        int seconds = Integer.getInteger("bench.seconds", 10);
        String account = "bench-" + System.currentTimeMillis();
        patiently(() -> Flows.profile(account, "Bench Clinic", "+15557650999"));
        Flows.enableTemplate(account);
        int calls = rate * seconds;
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new StringSerializer())) {
            warmUp(producer, account);
            StatementCounter.start();
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                String caller = String.format("+1666%07d", i);
                CallMissed call = new CallMissed(Flows.newCallSid(), account, caller, "+15557650999",
                        DialStatus.NO_ANSWER, 15, false, Instant.now());
                producer.send(new ProducerRecord<>(Topics.CALLS_MISSED, Keys.accountAndPhone(account, caller),
                        EventJson.encode(call)));
            }
            producer.flush();
        }
        List<SendMessage> commands = Flows.commandsOf(account, calls, Duration.ofSeconds(Integer.getInteger("bench.drain-seconds", 120)));
        long statements = StatementCounter.stop();
        LOG.infof("MEASURED: %d statements executed by PostgreSQL for the service (pgjdbc's Execute and SimpleQuery "
                + "messages, BEGIN and COMMIT included, from the first call sent until %d of its %d commands were read "
                + "back) = %.1f per missed call", statements, commands.size(), calls,
                (double) statements / Math.max(1, commands.size()));
        assertThat(commands).hasSize(calls);
        long[] latencies = commands.stream()
                .mapToLong(c -> Duration.between(c.missedAt(), c.requestedAt()).toNanos()).sorted().toArray();
        Instant first = commands.stream().map(SendMessage::requestedAt).min(Instant::compareTo).orElseThrow();
        Instant last = commands.stream().map(SendMessage::requestedAt).max(Instant::compareTo).orElseThrow();
        LOG.infof("MEASURED: %d missed calls at %d/s -> %d SendMessage; CallMissed produced -> SendMessage written: "
                        + "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; commands written over %d ms",
                calls, rate, commands.size(), ms(latencies, 0.50), ms(latencies, 0.90), ms(latencies, 0.99),
                latencies[latencies.length - 1] / 1e6, Duration.between(first, last).toMillis());
    }

    /** Some calls first, so the JIT and the consumers' partitions are warm (they are not measured). */
    private static void warmUp(KafkaProducer<String, String> producer, String account) {
        String warm = account + "-warm";
        patiently(() -> Flows.profile(warm, "Warm-up", "+15557650998"));
        Flows.enableTemplate(warm);
        int calls = Integer.getInteger("bench.warmup", 3000);
        for (int i = 0; i < calls; i++) {
            String caller = String.format("+1777%07d", i);
            producer.send(new ProducerRecord<>(Topics.CALLS_MISSED, Keys.accountAndPhone(warm, caller),
                    EventJson.encode(new CallMissed(Flows.newCallSid(), warm, caller, "+15557650998",
                            DialStatus.NO_ANSWER, 15, false, Instant.now()))));
        }
        producer.flush();
        Flows.commandsOf(warm, calls, Duration.ofSeconds(120));
    }

    /**
     * Counts the statements the service's connections send to PostgreSQL: pgjdbc logs each Execute (one per statement
     * run, each of a JDBC batch included; a batch rewritten into one multi-row insert is one) and each simple query
     * at FINEST. Only the message is looked at, never formatted; nothing is printed.
     */
    static final class StatementCounter extends java.util.logging.Handler {

        private static final java.util.logging.Logger PGJDBC =
                java.util.logging.Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");
        private static final StatementCounter INSTANCE = new StatementCounter();
        private final java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();
        private volatile boolean on;

        static void start() {
            INSTANCE.count.set(0);
            INSTANCE.on = true;
            PGJDBC.setUseParentHandlers(false);
            PGJDBC.addHandler(INSTANCE);
            PGJDBC.setLevel(java.util.logging.Level.FINEST);
        }

        static long stop() {
            INSTANCE.on = false;
            PGJDBC.setLevel(java.util.logging.Level.INFO);
            PGJDBC.removeHandler(INSTANCE);
            return INSTANCE.count.get();
        }

        @Override
        public void publish(java.util.logging.LogRecord record) {
            String message = record.getMessage();
            if (on && message != null && (message.contains("FE=> Execute(") || message.contains("FE=> SimpleQuery("))) {
                count.incrementAndGet();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** A setup step retried a few times: on a loaded machine the first Business Profile can take over 20 s. */
    private static void patiently(Runnable step) {
        for (int attempt = 1; ; attempt++) {
            try {
                step.run();
                return;
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static double ms(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
    }
}

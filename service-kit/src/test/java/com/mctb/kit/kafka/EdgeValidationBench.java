package com.mctb.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.DialStatus;
import com.mctb.contracts.event.SendMessage;
import com.mctb.contracts.event.Channel;
import com.mctb.contracts.event.MessageCause;
import com.mctb.contracts.event.Event;
import com.mctb.contracts.json.EventJson;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * Not part of the suite (no *Test suffix): what the edge check and the CloudEvents headers cost per record, against
 * what decoding alone cost before. A micro check without JMH: warm up, then time a few hundred thousand records in
 * one thread and read the thread's allocated bytes. Run it alone:
 * {@code ./mvnw -B -o -pl service-kit test -Dtest=EdgeValidationBench -Dsurefire.failIfNoSpecifiedTests=false}
 */
class EdgeValidationBench {

    private static final int WARMUP = 200_000;
    private static final int RECORDS = 300_000;

    @Test
    void perRecordCostOfTheEdgeCheckAndTheHeaders() {
        CallMissed missed = new CallMissed("CA0123456789abcdef0123456789abcdef", "glow", "+15551230001",
                "+15557654321", DialStatus.NO_ANSWER, 15, false, Instant.parse("2026-11-28T14:05:09.123Z"));
        SendMessage command = new SendMessage("run-7f3c/step-2", "glow", Channel.SMS, "+15557654321", "+15551230001",
                "Hi Dana, sorry we missed your call at Glow Aesthetics. How can we help?", MessageCause.WORKFLOW,
                missed.callSid(), missed.occurredAt(), Instant.now(), null);
        for (Event event : new Event[] {missed, command}) {
            RecordHeaders headers = new RecordHeaders();
            CloudEvents.addTo(headers, event, "bench", Instant.now());
            ConsumerRecord<String, String> record = new ConsumerRecord<>("t", 0, 0, 0L, TimestampType.CREATE_TIME, 0, 0,
                    "glow/+15551230001", EventJson.encode(event), headers, java.util.Optional.empty());
            Class<? extends Event> type = event.getClass();
            assertThat((Object) IncomingRecords.decode(record, type)).isEqualTo(event);

            Figure before = measure(() -> EventJson.decode(record.value(), type));
            Figure edge = measure(() -> IncomingRecords.decode(record, type));
            Figure routing = measure(() -> IncomingRecords.typeOf(record));
            Figure envelope = measure(() -> {
                ProducerRecord<String, String> out = new ProducerRecord<>("t", "k", record.value());
                CloudEvents.addTo(out.headers(), event.eventId(), "CallMissed.v1", "bench", Instant.now());
                return out;
            });
            System.out.printf("%s (%d bytes of JSON):%n", type.getSimpleName(), record.value().length());
            System.out.printf("  decode only (before):             %6.2f us  %6d B allocated%n", before.micros, before.bytes);
            System.out.printf("  edge check + decode (now):        %6.2f us  %6d B allocated%n", edge.micros, edge.bytes);
            System.out.printf("  -> the check adds                 %6.2f us  %6d B%n", edge.micros - before.micros,
                    edge.bytes - before.bytes);
            System.out.printf("  route on ce_type (typeOf):        %6.2f us  %6d B%n", routing.micros, routing.bytes);
            System.out.printf("  CloudEvents headers on a record:  %6.2f us  %6d B%n", envelope.micros, envelope.bytes);
        }
    }

    record Figure(double micros, long bytes) {
    }

    private static Figure measure(Supplier<?> work) {
        Object sink = null;
        for (int i = 0; i < WARMUP; i++) {
            sink = work.get();
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long bytes0 = threads.getThreadAllocatedBytes(thread);
        long t0 = System.nanoTime();
        for (int i = 0; i < RECORDS; i++) {
            sink = work.get();
        }
        long elapsed = System.nanoTime() - t0;
        long bytes = threads.getThreadAllocatedBytes(thread) - bytes0;
        assertThat(sink).isNotNull();
        return new Figure(elapsed / 1e3 / RECORDS, bytes / RECORDS);
    }
}

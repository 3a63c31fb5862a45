package com.mctb.stack.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.Event;
import com.mctb.contracts.json.EventDecodingException;
import com.mctb.contracts.json.EventSchemas;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./mctb dlq list|show|replay}: a topic's dead letters with why each is there, one in full, and chosen ones
 * written back onto the topic they came from. Kafka's own clients against any broker ({@code --bootstrap-server}),
 * so the same commands serve the local stack and a Docker host. A replayed record is the dead letter as it was (key,
 * value, the event's CloudEvents headers and traceparent) without its {@code dlq-*} headers: the consumer's inbox
 * drops an event it already handled, by its id. A record that no longer fits its event's schema is refused, with
 * the reason, and then nothing at all is written.
 */
public final class DeadLetterTool {

    /** Header a replayed record carries: which dead letter it was. */
    public static final String REPLAYED_FROM = "mctb-replayed-from";

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String bootstrapServers;
    private final PrintWriter out;

    public DeadLetterTool(String bootstrapServers, PrintWriter out) {
        this.bootstrapServers = bootstrapServers;
        this.out = out;
    }

    /** {@code calls.missed} or {@code calls.missed.dlq} → {@code calls.missed.dlq}. */
    public static String deadLetterTopic(String topic) {
        return topic.endsWith(Topics.DEAD_LETTER_SUFFIX) ? topic : Topics.deadLetter(topic);
    }

    /** Where to start reading: a moment, or every record. */
    public record From(Instant since, Long offset) {
        public static final From BEGINNING = new From(null, null);
    }

    public int list(String topic, From from) {
        String dlq = deadLetterTopic(topic);
        List<ConsumerRecord<String, String>> letters = read(dlq, from, r -> true);
        out.println(dlq + ": " + letters.size() + " dead letter" + (letters.size() == 1 ? "" : "s")
                + (from.since() != null ? " since " + from.since() : "") + (from.offset() != null ? " from offset "
                + from.offset() : ""));
        for (ConsumerRecord<String, String> letter : letters) {
            out.printf("  offset %d  %s  key %s  %s  by %s%n", letter.offset(), Instant.ofEpochMilli(letter.timestamp()),
                    letter.key(), orDash(header(letter, "ce_type")), orDash(header(letter, "dlq-consumer")));
            out.println("    error:  " + orDash(header(letter, "dlq-error")));
            String schema = header(letter, "dlq-schema-error");
            if (schema != null) {
                out.println("    schema: " + schema);
            }
        }
        return 0;
    }

    public int show(String topic, int partition, long offset) {
        String dlq = deadLetterTopic(topic);
        List<ConsumerRecord<String, String>> found = read(dlq, new From(null, offset),
                r -> r.partition() == partition && r.offset() == offset);
        if (found.isEmpty()) {
            out.println(dlq + ": no dead letter at partition " + partition + " offset " + offset);
            return 1;
        }
        ConsumerRecord<String, String> letter = found.get(0);
        out.println(dlq + "/" + letter.partition() + "@" + letter.offset());
        out.println("  timestamp: " + Instant.ofEpochMilli(letter.timestamp()));
        out.println("  key:       " + letter.key());
        out.println("  headers:");
        for (Header header : letter.headers()) {
            out.println("    " + header.key() + ": "
                    + (header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8)));
        }
        out.println("  value:");
        out.println(indent(pretty(letter.value())));
        return 0;
    }

    /**
     * Writes the chosen dead letters back onto their source topic, after checking every one still fits its event's
     * schema; if any does not, none is written.
     *
     * @param chosen offsets in {@code partition}; empty with {@code from} set: every dead letter from there on
     */
    public int replay(String topic, int partition, List<Long> chosen, From from) {
        String dlq = deadLetterTopic(topic);
        String source = Topics.sourceOfDeadLetters(dlq).orElseThrow();
        List<ConsumerRecord<String, String>> letters;
        if (chosen.isEmpty()) {
            letters = read(dlq, from, r -> true);
        } else {
            long first = chosen.stream().mapToLong(Long::longValue).min().orElseThrow();
            letters = read(dlq, new From(null, first), r -> r.partition() == partition && chosen.contains(r.offset()));
            List<Long> missing = new ArrayList<>(chosen);
            letters.forEach(l -> missing.remove(l.offset()));
            if (!missing.isEmpty()) {
                out.println("mctb: " + dlq + " has no dead letter at offset " + missing + " (partition " + partition
                        + "); nothing written");
                return 1;
            }
        }
        if (letters.isEmpty()) {
            out.println(dlq + ": nothing to replay");
            return 0;
        }
        List<String> refusals = new ArrayList<>();
        for (ConsumerRecord<String, String> letter : letters) {
            String why = misfit(source, letter);
            if (why != null) {
                refusals.add(dlq + "/" + letter.partition() + "@" + letter.offset() + ": " + why);
            }
        }
        if (!refusals.isEmpty()) {
            out.println("mctb: refused, nothing written: " + refusals.size() + " of " + letters.size()
                    + " dead letters no longer fit their event's schema");
            refusals.forEach(r -> out.println("  " + r));
            return 1;
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "mctb-dlq-replay",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new StringSerializer())) {
            for (ConsumerRecord<String, String> letter : letters) {
                ProducerRecord<String, String> record = new ProducerRecord<>(source, letter.key(), letter.value());
                for (Header header : letter.headers()) {
                    if (!header.key().startsWith("dlq-") && !header.key().equals(REPLAYED_FROM)) {
                        record.headers().add(header);
                    }
                }
                String letterAt = dlq + "/" + letter.partition() + "@" + letter.offset();
                record.headers().add(REPLAYED_FROM, letterAt.getBytes(StandardCharsets.UTF_8));
                RecordMetadata written = producer.send(record).get(30, TimeUnit.SECONDS);
                out.printf("replayed %s -> %s/%d@%d  %s%n", letterAt, source, written.partition(), written.offset(),
                        orDash(header(letter, "ce_id")));
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not write to " + source + " at " + bootstrapServers + ": " + e, e);
        }
        return 0;
    }

    /** Why this dead letter may not go back onto {@code source} (null: it may). */
    static String misfit(String source, ConsumerRecord<String, String> letter) {
        if (letter.value() == null) {
            return "a tombstone (no value)";
        }
        try {
            Event event = EventSchemas.published().decode(letter.value(), header(letter, "ce_type"), Event.class);
            boolean carried = Topics.spec(source).map(spec -> spec.events().isEmpty()
                    || spec.events().contains(event.getClass())).orElse(false);
            return carried ? null : event.getClass().getSimpleName() + " does not travel on " + source;
        } catch (EventDecodingException e) {
            return e.getMessage();
        }
    }

    private List<ConsumerRecord<String, String>> read(String topic, From from,
            Predicate<ConsumerRecord<String, String>> wanted) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "mctb-dlq",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000), new StringDeserializer(), new StringDeserializer())) {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(15));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("no topic " + topic + " at " + bootstrapServers);
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            if (from.since() != null) {
                Map<TopicPartition, Long> at = new HashMap<>();
                partitions.forEach(p -> at.put(p, from.since().toEpochMilli()));
                Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(at);
                for (TopicPartition p : partitions) {
                    OffsetAndTimestamp o = offsets.get(p);
                    consumer.seek(p, o == null ? end.get(p) : o.offset());
                }
            } else if (from.offset() != null) {
                partitions.forEach(p -> consumer.seek(p, Math.min(from.offset(), end.get(p))));
            } else {
                consumer.seekToBeginning(partitions);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 30 s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end.get(new TopicPartition(topic, record.partition())) && wanted.test(record)) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String pretty(String value) {
        if (value == null) {
            return "(null: a tombstone)";
        }
        try {
            return PRETTY.writeValueAsString(PRETTY.readTree(value));
        } catch (Exception notJson) {
            return value;
        }
    }

    private static String indent(String text) {
        return "    " + text.replace("\n", "\n    ");
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}

package com.mctb.gateway.calls;

import com.mctb.contracts.Keys;
import com.mctb.contracts.Topics;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.event.DialStatus;
import com.mctb.contracts.json.EventJson;
import com.mctb.gateway.config.GatewayConfig;
import com.mctb.kit.kafka.CloudEvents;
import com.mctb.kit.kafka.Failures;
import com.mctb.kit.kafka.KafkaProducers;
import com.mctb.kit.tracing.Traces;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Call decisions kept on local disk when the database cannot take them in time: one JSON line per call in
 * {@code missed-calls.jsonl} (a missed call's CallMissed, or an answered call's decision as
 * {@code {"answered":{…}}}), appended and forced to disk before the webhook is answered. Appends are group-committed
 * (one spool thread writes what queued up and forces it once), so a burst of fall-backs costs one fsync, not one
 * each. Every {@code mctb.gateway.spool-drain-interval} (1 s) the file is sealed (renamed, a new one begun, so
 * appends never wait for the drain) and its calls are reported through {@link CallOutcomes} (which de-duplicates
 * by CallSid as usual), a few hundred per transaction; while the database is away they are published straight to
 * Kafka (workflow-service's inbox drops a second copy by its event id), and what neither takes stays for the next
 * round. An answered call's decision is only ever written to the database (its row is what keeps the call from being
 * reported missed), so it stays until the database takes it; meanwhile {@link #holds} tells {@link EndedCalls} not to
 * report a call the spool still holds. Written by hand because it is a few lines around a file and must work when every other service is away.
 */
@ApplicationScoped
public class MissedCallSpool {

    private static final Logger LOG = Logger.getLogger(MissedCallSpool.class);
    private static final String ACTIVE = "missed-calls.jsonl";
    private static final String SEALED_PREFIX = "missed-calls.sealed-";
    /** Lines that are not a call (torn by a crash mid-write), kept for a person to look at. */
    static final String CORRUPT = "missed-calls.corrupt";
    private static final int REPLAY_CHUNK = 500;
    private static final String ANSWERED = "answered";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    GatewayConfig config;

    @Inject
    CallOutcomes outcomes;

    @Inject
    KafkaProducers kafka;

    @Inject
    MeterRegistry registry;

    private Path directory;
    private Path file;
    private final LinkedBlockingQueue<Append> appends = new LinkedBlockingQueue<>();
    private final AtomicLong waiting = new AtomicLong();
    /** The CallSids of the decisions on disk, not yet replayed. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final Object fileLock = new Object();
    private FileChannel channel;
    private long sealed;
    private volatile boolean running;
    private Thread writer;

    void init(@Observes StartupEvent startup) {
        directory = Path.of(config.spoolDirectory());
        file = directory.resolve(ACTIVE);
        waiting.set(countOnDisk());
        LOG.debugf("%d call decision(s) on the spool at start", held.size());
        Gauge.builder("mctb.calls.missed.spooled", this, MissedCallSpool::size)
                .description("Missed calls waiting on local disk for the database to come back").register(registry);
        running = true;
        writer = new Thread(this::writeAppends, "missed-call-spool");
        writer.setDaemon(true);
        writer.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (writer != null) {
            writer.interrupt();
        }
    }

    /** Appends the call; the future completes once it is on disk (forced), or exceptionally if it cannot be. */
    public CompletableFuture<Void> append(CallMissed missed) {
        return append(EventJson.encode(missed), missed.callSid());
    }

    /**
     * Appends an answered call's decision (the database did not take it in time, or its write failed); the future
     * completes once it is on disk (forced). Replayed to the database only: see {@link #holds}.
     */
    public CompletableFuture<Void> appendAnswered(CallOutcomes.Decision answered) {
        if (answered.missed() != null) {
            throw new IllegalArgumentException("not an answered call: " + answered.callSid());
        }
        SpooledAnswer answer = new SpooledAnswer(answered.callSid(), answered.accountId(), answered.from(),
                answered.to(), answered.withheld(), answered.status().twilioName());
        try {
            return append(JSON.writeValueAsString(Map.of(ANSWERED, answer)), answered.callSid());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * True while a decision for this call is on the spool, not yet replayed: the call has an outcome, kept on disk,
     * so the ended-call check must not report it as missed (it would text a caller who was answered).
     */
    public boolean holds(String callSid) {
        return held.contains(callSid);
    }

    private CompletableFuture<Void> append(String json, String callSid) {
        held.add(callSid);
        Append append = new Append(json + "\n", callSid);
        appends.add(append);
        return append.done;
    }

    /** The spool thread: writes every append that queued up, forces the file once, completes them. */
    private void writeAppends() {
        List<Append> batch = new ArrayList<>();
        while (running) {
            try {
                batch.clear();
                batch.add(appends.take());
                appends.drainTo(batch);
                writeAndForce(batch);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void writeAndForce(List<Append> batch) {
        StringBuilder lines = new StringBuilder();
        for (Append a : batch) {
            lines.append(a.line);
        }
        try {
            synchronized (fileLock) {
                if (channel == null) {
                    Files.createDirectories(directory);
                    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.APPEND);
                    endTornLine(file, channel);
                }
                ByteBuffer bytes = StandardCharsets.UTF_8.encode(lines.toString());
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            waiting.addAndGet(batch.size());
            batch.forEach(a -> a.done.complete(null));
        } catch (IOException e) {
            LOG.errorf("cannot spool %d missed call(s) to %s: %s", batch.size(), file, e);
            UncheckedIOException failure = new UncheckedIOException("cannot spool to " + file, e);
            batch.forEach(a -> {
                held.remove(a.callSid());
                a.done.completeExceptionally(failure);
            });
        }
    }

    /**
     * A crash mid-write may have left the file's last line unfinished: it is ended here, so the next append begins
     * its own line instead of being glued to the torn one (and set aside with it).
     */
    private static void endTornLine(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        try (FileChannel read = FileChannel.open(file, StandardOpenOption.READ)) {
            read.read(last, size - 1);
        }
        if (last.get(0) != '\n') {
            channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
        }
    }

    /** Reports spooled calls while the database (or else Kafka) takes them; keeps the rest for the next round. */
    @Scheduled(every = "${mctb.gateway.spool-drain-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    synchronized void drain() {
        if (directory == null || !Files.isDirectory(directory)) {
            return; // nothing was ever spooled
        }
        try {
            seal();
            List<Path> files;
            try (Stream<Path> listed = Files.list(directory)) {
                files = listed.filter(p -> p.getFileName().toString().startsWith(SEALED_PREFIX)).sorted().toList();
            }
            for (Path sealedFile : files) {
                if (!replay(sealedFile)) {
                    return; // neither the database nor Kafka takes them now: the next round
                }
            }
        } catch (IOException e) {
            LOG.errorf("cannot drain %s: %s", directory, e);
        }
    }

    /** Renames the active file, so new appends begin a new one and never wait for the replay. */
    private void seal() throws IOException {
        synchronized (fileLock) {
            if (!Files.exists(file) || Files.size(file) == 0) {
                return;
            }
            if (channel != null) {
                channel.close();
                channel = null;
            }
            Files.move(file, directory.resolve(String.format("%s%019d-%06d.jsonl", SEALED_PREFIX,
                    System.currentTimeMillis(), sealed++ % 1_000_000)), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /**
     * Replays one sealed file; returns false when some of its calls are still waiting. A line that is not a call
     * (torn by a crash mid-write) is set aside, so it never holds up the calls after it.
     */
    private boolean replay(Path sealedFile) throws IOException {
        List<String> lines = new ArrayList<>();
        List<CallOutcomes.Decision> decoded = new ArrayList<>();
        int setAside = 0;
        int position = 0;
        for (byte[] raw : lines(Files.readAllBytes(sealedFile))) {
            position++;
            String line;
            try {
                line = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(raw)).toString();
                if (line.isBlank()) {
                    continue;
                }
                decoded.add(decision(line));
                lines.add(line);
            } catch (java.nio.charset.CharacterCodingException | RuntimeException corrupt) {
                setAside(sealedFile, position, raw, corrupt);
                setAside++;
            }
        }
        waiting.addAndGet(-setAside);
        List<String> left = new ArrayList<>();
        int reported = 0;
        for (int from = 0; from < lines.size(); from += REPLAY_CHUNK) {
            List<String> chunk = lines.subList(from, Math.min(lines.size(), from + REPLAY_CHUNK));
            if (!left.isEmpty()) {
                left.addAll(chunk);
                continue;
            }
            List<CallOutcomes.Decision> calls = decoded.subList(from, Math.min(lines.size(), from + REPLAY_CHUNK));
            try {
                outcomes.decideAll(calls);
                reported += calls.size();
                calls.forEach(d -> held.remove(d.callSid()));
            } catch (RuntimeException databaseDown) {
                LOG.warnf("%d spooled call decision(s): the database cannot take them (%s); publishing the missed calls"
                        + " directly", calls.size(), Failures.describe(databaseDown));
                List<String> unsent = publishDirectly(calls, chunk);
                reported += calls.size() - unsent.size();
                left.addAll(unsent);
            }
        }
        waiting.addAndGet(-reported);
        if (left.isEmpty()) {
            Files.delete(sealedFile);
            LOG.infof("drained %d spooled call decision(s)", lines.size());
            return true;
        }
        if (left.size() < lines.size() || setAside > 0) {
            Path tmp = sealedFile.resolveSibling(sealedFile.getFileName() + ".tmp");
            Files.write(tmp, left, StandardCharsets.UTF_8);
            Files.move(tmp, sealedFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return false;
    }

    /** The file's lines, as bytes (a torn line may end inside a character). */
    private static List<byte[]> lines(byte[] content) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= content.length; i++) {
            if (i == content.length || content[i] == '\n') {
                if (i > start) {
                    lines.add(java.util.Arrays.copyOfRange(content, start, i));
                }
                start = i + 1;
            }
        }
        return lines;
    }

    /** Keeps a line that is not a call in {@value #CORRUPT} (forced), counts it and logs it once, where it was. */
    private void setAside(Path sealedFile, int position, byte[] raw, Exception why) throws IOException {
        Path corrupt = directory.resolve(CORRUPT);
        try (FileChannel out = FileChannel.open(corrupt, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.allocate(raw.length + 1).put(raw).put((byte) '\n').flip();
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
        registry.counter("mctb.calls.missed.spool.corrupt").increment();
        LOG.errorf("spool %s line %d (%d bytes) is not a missed call (%s): set aside in %s; the other calls are replayed",
                sealedFile.getFileName(), position, raw.length, why.getMessage(), corrupt);
    }

    /**
     * The database is away: CallMissed straight to Kafka, with the envelope the outbox relay would give it (the
     * CallSid's row is then missing, so a Twilio retry after the database is back may publish it again:
     * workflow-service's inbox drops it by its event id). An answered call's decision is not published: it waits on
     * disk for the database. Returns the lines not taken (the answered ones, and the missed ones Kafka refused).
     */
    private List<String> publishDirectly(List<CallOutcomes.Decision> decisions, List<String> lines) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        List<String> unsent = new ArrayList<>();
        for (CallOutcomes.Decision decision : decisions) {
            CallMissed missed = decision.missed();
            if (missed == null) {
                sent.add(null);
                continue;
            }
            try {
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.CALLS_MISSED,
                        Keys.accountAndPhone(missed.accountId(), missed.from()), EventJson.encode(missed));
                CloudEvents.addTo(record.headers(), missed, kafka.source(), Instant.now());
                Traces.addTo(record.headers(), Traces.current());
                sent.add(kafka.producer().send(record));
            } catch (RuntimeException e) {
                sent.add(CompletableFuture.failedFuture(e));
            }
        }
        for (int i = 0; i < sent.size(); i++) {
            if (sent.get(i) == null) {
                unsent.add(lines.get(i));
                continue;
            }
            try {
                sent.get(i).get(2, TimeUnit.SECONDS);
                held.remove(decisions.get(i).callSid());
                registry.counter("mctb.calls.missed.fallback", "path", "kafka-direct").increment();
            } catch (Exception kafkaDown) {
                if (unsent.isEmpty()) {
                    LOG.errorf("spooled missed calls: database and Kafka both unreachable (%s); kept on disk",
                            Failures.describe(kafkaDown));
                }
                unsent.add(lines.get(i));
            }
        }
        return unsent;
    }

    /** Missed calls on disk, not yet reported. */
    long size() {
        return waiting.get();
    }

    private long countOnDisk() {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> listed = Files.list(directory)) {
            long n = 0;
            for (Path p : listed.filter(p -> p.getFileName().toString().startsWith("missed-calls.")
                    && p.getFileName().toString().endsWith(".jsonl")).toList()) {
                for (byte[] line : lines(Files.readAllBytes(p))) {
                    n++;
                    try {
                        held.add(decision(new String(line, StandardCharsets.UTF_8)).callSid());
                    } catch (RuntimeException corrupt) {
                        // set aside when it is replayed
                    }
                }
            }
            return n;
        } catch (IOException e) {
            return 0;
        }
    }

    /** A spooled line as the decision it records: an answered call's, or a missed call's CallMissed. */
    static CallOutcomes.Decision decision(String line) {
        if (line.startsWith("{\"" + ANSWERED + "\"")) {
            try {
                SpooledAnswer a = JSON.readValue(line, AnsweredLine.class).answered();
                DialStatus status = DialStatus.fromTwilio(a.dialStatus()).orElse(DialStatus.COMPLETED);
                return CallOutcomes.Decision.answered(a.callSid(), a.accountId(), a.from(), a.to(), a.callerWithheld(),
                        status);
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return CallOutcomes.Decision.missed(EventJson.decode(line, CallMissed.class));
    }

    /** An answered call's decision on the spool. */
    record SpooledAnswer(String callSid, String accountId, String from, String to, boolean callerWithheld,
            String dialStatus) {
        SpooledAnswer {
            java.util.Objects.requireNonNull(callSid, "callSid");
            java.util.Objects.requireNonNull(accountId, "accountId");
        }
    }

    record AnsweredLine(SpooledAnswer answered) {
        AnsweredLine {
            java.util.Objects.requireNonNull(answered, "answered");
        }
    }

    private record Append(String line, String callSid, CompletableFuture<Void> done) {
        Append(String line, String callSid) {
            this(line, callSid, new CompletableFuture<>());
        }
    }
}

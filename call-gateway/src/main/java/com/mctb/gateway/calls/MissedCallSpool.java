package com.mctb.gateway.calls;

import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.json.EventJson;
import com.mctb.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The last resort when neither the database nor Kafka can take a missed call: one JSON line per call, appended and
 * forced to disk before the webhook is answered, and reported through {@link CallOutcomes} once the database is
 * back (which de-duplicates by CallSid as usual). Written by hand because it is a few lines around a file and must
 * work when every other service is away.
 */
@ApplicationScoped
public class MissedCallSpool {

    private static final Logger LOG = Logger.getLogger(MissedCallSpool.class);

    @Inject
    GatewayConfig config;

    @Inject
    CallOutcomes outcomes;

    @Inject
    MeterRegistry registry;

    private Path file;

    void init(@Observes StartupEvent startup) {
        file = Path.of(config.spoolDirectory()).resolve("missed-calls.jsonl");
        Gauge.builder("mctb.calls.missed.spooled", this, MissedCallSpool::size)
                .description("Missed calls waiting on local disk for the database to come back").register(registry);
    }

    public synchronized void append(CallMissed missed) {
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                channel.write(StandardCharsets.UTF_8.encode(EventJson.encode(missed) + "\n"));
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool missed call " + missed.callSid() + " to " + file, e);
        }
    }

    /** Reports spooled calls while the database takes them; keeps the rest for the next round. */
    @Scheduled(every = "${mctb.gateway.spool-drain-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    synchronized void drain() {
        if (file == null || !Files.exists(file)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> left = new ArrayList<>();
            for (String line : lines) {
                if (line.isBlank()) {
                    continue;
                }
                if (!left.isEmpty()) {
                    left.add(line);
                    continue;
                }
                try {
                    outcomes.reportMissed(EventJson.decode(line, CallMissed.class));
                } catch (RuntimeException stillDown) {
                    left.add(line);
                }
            }
            if (left.isEmpty()) {
                Files.delete(file);
                LOG.infof("drained %d spooled missed call(s)", lines.size());
            } else if (left.size() < lines.size()) {
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.write(tmp, left, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.errorf("cannot drain %s: %s", file, e);
        }
    }

    synchronized int size() {
        try {
            return file == null || !Files.exists(file) ? 0 : (int) Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count();
        } catch (IOException e) {
            return -1;
        }
    }
}

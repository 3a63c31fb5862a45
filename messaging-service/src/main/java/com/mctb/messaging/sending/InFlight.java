package com.mctb.messaging.sending;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The texts this instance holds, from before the commit that records them until they are settled or let go: recovery
 * leaves them alone (a recovered copy would be a second sender), and the consumer waits while too many are held.
 */
@ApplicationScoped
public class InFlight {

    private final Map<UUID, OutgoingText> texts = new ConcurrentHashMap<>();
    private final Object room = new Object();
    private volatile boolean closed;

    @Inject
    void metered(MeterRegistry registry) {
        Gauge.builder("mctb.send.in.flight", texts, Map::size)
                .description("Texts recorded and not yet settled (waiting for their rate, being sent, being recorded)")
                .register(registry);
    }

    void hold(OutgoingText text) {
        texts.put(text.id(), text);
    }

    /** False when the text is held already. */
    boolean holdIfFree(OutgoingText text) {
        return texts.putIfAbsent(text.id(), text) == null;
    }

    /** The text leaves this instance's hands (settled, or left for recovery). */
    void release(UUID id) {
        texts.remove(id);
        synchronized (room) {
            room.notifyAll();
        }
    }

    Set<UUID> ids() {
        return Set.copyOf(texts.keySet());
    }

    /** Waits while {@code max} texts or more are held (or until {@link #close()}). */
    void awaitRoom(int max) {
        synchronized (room) {
            while (!closed && texts.size() >= max) {
                try {
                    room.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    void close() {
        closed = true;
    }
}

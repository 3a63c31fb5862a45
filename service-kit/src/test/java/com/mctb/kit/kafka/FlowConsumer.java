package com.mctb.kit.kafka;

import com.mctb.contracts.event.CallAnswered;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * A thin adapter as the services write them, with a handler whose behaviour the call's CallSid picks: "slow-…" always
 * runs into its statement timeout, "closing-…" fails twice as a service that is stopping would ("EntityManagerFactory
 * is closed"), anything else is handled (and listed in {@link #handled}).
 */
@ApplicationScoped
public class FlowConsumer implements EventHandler<CallAnswered> {

    static final String NAME = "kit-flow.kit-flow";

    static final List<String> handled = new CopyOnWriteArrayList<>();
    static final Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();

    @Inject
    RecordBatchProcessor processor;

    @Inject
    EntityManager em;

    @Incoming("kit-flow")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        processor.process(NAME, records, CallAnswered.class, this);
    }

    @Override
    public void handle(CallAnswered event) {
        int attempt = tries.computeIfAbsent(event.callSid(), c -> new AtomicInteger()).incrementAndGet();
        if (event.callSid().startsWith("slow-")) {
            em.createNativeQuery("set local statement_timeout = 100").executeUpdate();
            em.createNativeQuery("select pg_sleep(2)").getSingleResult();
        }
        if (event.callSid().startsWith("closing-") && attempt <= 2) {
            throw new IllegalStateException("EntityManagerFactory is closed");
        }
        handled.add(event.callSid());
    }
}

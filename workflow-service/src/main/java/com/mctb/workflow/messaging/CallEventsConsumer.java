package com.mctb.workflow.messaging;

import com.mctb.contracts.event.CallMissed;
import com.mctb.kit.kafka.RecordBatchProcessor;
import com.mctb.workflow.service.CallMissedHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Thin adapter: a poll batch of {@code calls.missed} to {@link CallMissedHandler}. The call's own row (its CallSid) is
 * the inbox, so no {@code processed_event} row is written for it.
 */
@ApplicationScoped
public class CallEventsConsumer {

    static final String NAME = "workflow-service.calls-missed";

    @Inject
    RecordBatchProcessor processor;

    @Inject
    CallMissedHandler handler;

    @Incoming("calls-missed")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        processor.processKeyedByEffect(NAME, records, CallMissed.class, handler);
    }
}

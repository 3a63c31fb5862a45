package com.mctb.workflow.messaging;

import com.mctb.contracts.event.SmsEvent;
import com.mctb.kit.kafka.RecordBatchProcessor;
import com.mctb.workflow.service.SmsEventHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Thin adapter: a poll batch of {@code sms.events} (replies, opt-outs, delivery news) to {@link SmsEventHandler}. */
@ApplicationScoped
public class SmsEventsConsumer {

    static final String NAME = "workflow-service.sms-events";

    @Inject
    RecordBatchProcessor processor;

    @Inject
    SmsEventHandler handler;

    @Incoming("sms-events")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        processor.process(NAME, records, SmsEvent.class, handler);
    }
}

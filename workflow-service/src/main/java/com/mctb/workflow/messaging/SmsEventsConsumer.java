package com.mctb.workflow.messaging;

import com.mctb.contracts.event.Event;
import com.mctb.contracts.event.InboundMessage;
import com.mctb.contracts.event.OptedOut;
import com.mctb.contracts.event.SmsEvent;
import com.mctb.kit.kafka.IncomingRecords;
import com.mctb.kit.kafka.RecordBatchProcessor;
import com.mctb.workflow.service.SmsEventHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Thin adapter: replies and opt-outs from a poll batch of {@code sms.events} to {@link SmsEventHandler}. The rest of
 * the topic (accepted, sent, delivered, ... about three events per text) is no concern of this service and is left
 * out before the inbox by its CloudEvents type, so it costs no database write and no decoding; a record that is not
 * a valid event still goes to the processor, which dead-letters it.
 */
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
        List<ConsumerRecord<String, String>> concerning = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            if (record.value() == null) {
                continue;
            }
            // Routed on the CloudEvents type, without decoding; what names no event of ours is left to the processor.
            Class<? extends Event> type = IncomingRecords.typeOf(record).orElse(null);
            if (type == null || type == InboundMessage.class || type == OptedOut.class) {
                concerning.add(record);
            }
        }
        if (!concerning.isEmpty()) {
            processor.process(NAME, concerning, SmsEvent.class, handler);
        }
    }
}

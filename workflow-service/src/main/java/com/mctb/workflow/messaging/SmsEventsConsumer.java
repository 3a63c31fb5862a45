package com.mctb.workflow.messaging;

import com.mctb.contracts.event.Event;
import com.mctb.contracts.event.InboundMessage;
import com.mctb.contracts.event.OptedOut;
import com.mctb.contracts.event.SmsEvent;
import com.mctb.kit.kafka.IncomingRecords;
import com.mctb.kit.kafka.RecordBatchProcessor;
import com.mctb.workflow.service.SmsEventHandler;
import com.mctb.workflow.service.TextOutcomes;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Thin adapter for a poll batch of {@code sms.events}, routed on each record's CloudEvents type without decoding:
 * replies and opt-outs go to {@link SmsEventHandler} (with the inbox); the outcomes of texts (accepted, sent,
 * delivered, failed, rejected: about three events per text) go to {@link TextOutcomes} all together, as one batch of
 * updates without inbox rows (each only fills in an empty column, so a repeat changes nothing). A record that names
 * no event of ours goes to the processor, which dead-letters it.
 */
@ApplicationScoped
public class SmsEventsConsumer {

    static final String NAME = "workflow-service.sms-events";

    @Inject
    RecordBatchProcessor processor;

    @Inject
    SmsEventHandler handler;

    @Inject
    TextOutcomes outcomes;

    @Incoming("sms-events")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> concerning = new ArrayList<>();
        List<ConsumerRecord<String, String>> textOutcomes = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            if (record.value() == null) {
                continue;
            }
            // Routed on the CloudEvents type, without decoding; what names no event of ours is left to the processor.
            Class<? extends Event> type = IncomingRecords.typeOf(record).orElse(null);
            if (type == null || type == InboundMessage.class || type == OptedOut.class) {
                concerning.add(record);
            } else if (TextOutcomes.isOutcome(type)) {
                textOutcomes.add(record);
            }
        }
        if (!concerning.isEmpty()) {
            processor.process(NAME, concerning, SmsEvent.class, handler);
        }
        recordOutcomes(textOutcomes);
    }

    /** The journeys' outcomes of texts: one transaction and one batch of updates for the whole poll batch. */
    private void recordOutcomes(List<ConsumerRecord<String, String>> textOutcomes) {
        if (!textOutcomes.isEmpty()) {
            processor.processIdempotent(NAME + ".outcomes", textOutcomes, SmsEvent.class, outcomes::record);
        }
    }
}

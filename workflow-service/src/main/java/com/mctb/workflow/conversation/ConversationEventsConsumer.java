package com.mctb.workflow.conversation;

import com.mctb.contracts.event.Event;
import com.mctb.kit.kafka.IncomingRecords;
import com.mctb.kit.kafka.RecordBatchProcessor;
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
 * Thin adapter: a poll batch of {@code calls.answered}, {@code calls.voicemail} and {@code sms.events} to
 * {@link ConversationEventHandler}, in a consumer group of its own ({@code workflow-service-conversations}): the
 * conversation reads what the workflows do not (answered calls, transcriptions, texts in) without touching their
 * consumers, and lags or catches up on its own. What the workflows' consumers handle anyway is left to them, not read
 * twice: a missed call's entry is written with the call ({@code CallWrites}), and the outcomes of texts (accepted,
 * sent, delivered, failed, rejected: about three records per text) are skipped here on their CloudEvents type,
 * undecoded, since {@link TextOutcomes} records their status in the conversation too.
 * Each effect is its own inbox (an entry's unique source event id, inserted with {@code on conflict do nothing}, gates
 * its notification; a transcription is set to the same value), so no {@code processed_event} row is written.
 */
@ApplicationScoped
public class ConversationEventsConsumer {

    static final String NAME = "workflow-service.conversations";

    @Inject
    RecordBatchProcessor processor;

    @Inject
    ConversationEventHandler handler;

    @Incoming("conversation-events")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> concerning = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            if (record.value() != null && !TextOutcomes.isOutcome(IncomingRecords.typeOf(record).orElse(null))) {
                concerning.add(record);
            }
        }
        if (!concerning.isEmpty()) {
            processor.processKeyedByEffect(NAME, concerning, Event.class, handler);
        }
    }
}

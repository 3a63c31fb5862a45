package com.mctb.workflow.conversation;

import com.mctb.contracts.event.Event;
import com.mctb.kit.kafka.RecordBatchProcessor;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Thin adapter: a poll batch of {@code calls.missed}, {@code calls.answered}, {@code calls.voicemail} and
 * {@code sms.events} to {@link ConversationEventHandler}, in a consumer group of its own
 * ({@code workflow-service-conversations}): the conversation reads the same events as the workflows (and more of
 * {@code sms.events}: every text's status) without touching their consumers, and lags or catches up on its own.
 * Each effect is its own inbox (an entry's unique source event id, inserted with {@code on conflict do nothing}, gates
 * its notification; statuses only move forward; a transcription is set to the same value), so no
 * {@code processed_event} row is written.
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
        processor.processKeyedByEffect(NAME, records, Event.class, handler);
    }
}

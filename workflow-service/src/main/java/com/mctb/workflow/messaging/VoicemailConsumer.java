package com.mctb.workflow.messaging;

import com.mctb.contracts.event.VoicemailRecorded;
import com.mctb.kit.kafka.RecordBatchProcessor;
import com.mctb.workflow.service.VoicemailRecordedHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Thin adapter: a poll batch of {@code calls.voicemail} to {@link VoicemailRecordedHandler}. */
@ApplicationScoped
public class VoicemailConsumer {

    static final String NAME = "workflow-service.calls-voicemail";

    @Inject
    RecordBatchProcessor processor;

    @Inject
    VoicemailRecordedHandler handler;

    @Incoming("calls-voicemail")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        processor.process(NAME, records, VoicemailRecorded.class, handler);
    }
}

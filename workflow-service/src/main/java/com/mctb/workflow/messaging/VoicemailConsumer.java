package com.mctb.workflow.messaging;

import com.mctb.contracts.event.Event;
import com.mctb.contracts.event.VoicemailRecorded;
import com.mctb.contracts.json.EventDecodingException;
import com.mctb.contracts.json.EventJson;
import com.mctb.kit.kafka.RecordBatchProcessor;
import com.mctb.workflow.service.VoicemailRecordedHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Thin adapter: the voicemails of a poll batch of {@code calls.voicemail} to {@link VoicemailRecordedHandler}. Their
 * transcriptions, on the same topic, are the conversation's concern and are left out before the inbox; a record that
 * is not a valid event still goes to the processor, which dead-letters it.
 */
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
        List<ConsumerRecord<String, String>> voicemails = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                if (record.value() == null || EventJson.decode(record.value(), Event.class) instanceof VoicemailRecorded) {
                    voicemails.add(record);
                }
            } catch (EventDecodingException poison) {
                voicemails.add(record);
            }
        }
        if (!voicemails.isEmpty()) {
            processor.process(NAME, voicemails, VoicemailRecorded.class, handler);
        }
    }
}

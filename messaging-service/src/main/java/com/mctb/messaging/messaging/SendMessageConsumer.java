package com.mctb.messaging.messaging;

import com.mctb.contracts.event.SendMessage;
import com.mctb.kit.kafka.RecordBatchProcessor;
import com.mctb.messaging.sending.SendingPipeline;
import com.mctb.messaging.service.MessageIntake;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Thin adapter: a poll batch of {@code sms.commands} is recorded (once per command id) in one transaction; the texts
 * go to the senders when it commits. The thread never waits for Twilio, only for room when too many texts are
 * unsettled. Batches are recorded in parallel on the "sms-intake" worker pool, at most
 * {@code smallrye.messaging.worker.sms-intake.max-concurrency} at once (each holds a database connection): texts are
 * independent of each other, so their batches need no order between them.
 */
@ApplicationScoped
public class SendMessageConsumer {

    static final String NAME = "messaging-service.sms-commands";

    @Inject
    RecordBatchProcessor processor;

    @Inject
    MessageIntake intake;

    @Inject
    SendingPipeline sending;

    @Incoming("sms-commands")
    @Blocking(value = "sms-intake", ordered = false)
    public void consume(ConsumerRecords<String, String> records) {
        sending.awaitCapacity();
        processor.process(NAME, records, SendMessage.class, intake::record);
    }
}

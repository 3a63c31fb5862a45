package com.mctb.messaging.messaging;

import com.mctb.contracts.event.SendMessage;
import com.mctb.kit.kafka.CloudEvents;
import com.mctb.kit.kafka.RecordBatchProcessor;
import com.mctb.kit.tracing.Traces;
import com.mctb.messaging.sending.SendingPipeline;
import com.mctb.messaging.service.MessageIntake;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Thin adapter: a poll batch of {@code sms.commands} is recorded in one transaction; the texts go to the senders when
 * it commits. A command's id is its event id and {@code message.command_id} is unique, so the recorded text is its
 * own inbox: the batch goes through {@link RecordBatchProcessor#processIdempotent} (DLQ for what is no valid event, a
 * failed batch handled command by command) and {@link MessageIntake#recordAll} skips the ids already recorded,
 * with no {@code processed_event} row per command. Each command is recorded under the trace it was published in
 * (its {@code traceparent} header, by its {@code ce_id}).
 * <p>
 * The thread never waits for Twilio, only for room when too many texts are unsettled. Batches are recorded in
 * parallel on the "sms-intake" worker pool, at most {@code smallrye.messaging.worker.sms-intake.max-concurrency} at
 * once (each holds a database connection): texts are independent of each other, so their batches need no order.
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
        Map<String, String> traceparents = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            String id = CloudEvents.header(record.headers(), CloudEvents.ID);
            if (id != null) {
                traceparents.put(id, CloudEvents.header(record.headers(), Traces.TRACEPARENT));
            }
        }
        processor.processIdempotent(NAME, records, SendMessage.class, commands -> intake.recordAll(commands, traceparents));
    }
}

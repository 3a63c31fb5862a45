package com.mctb.messaging.messaging;

import com.mctb.contracts.event.SendMessage;
import com.mctb.kit.kafka.RecordBatchProcessor;
import com.mctb.messaging.service.MessageIntake;
import com.mctb.messaging.service.MessageSender;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Thin adapter: a poll batch of {@code sms.commands} is recorded (once per command id) in one transaction, then
 * each newly recorded message is sent.
 */
@ApplicationScoped
public class SendMessageConsumer {

    static final String NAME = "messaging-service.sms-commands";

    @Inject
    RecordBatchProcessor processor;

    @Inject
    MessageIntake intake;

    @Inject
    MessageSender sender;

    @Incoming("sms-commands")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        List<UUID> recorded = new ArrayList<>();
        processor.process(NAME, records, SendMessage.class, command -> recorded.add(intake.record(command)));
        recorded.stream().filter(Objects::nonNull).forEach(sender::send);
    }
}

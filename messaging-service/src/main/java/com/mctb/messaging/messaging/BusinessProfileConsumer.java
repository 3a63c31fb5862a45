package com.mctb.messaging.messaging;

import com.mctb.contracts.event.BusinessProfileChanged;
import com.mctb.kit.kafka.EventHandler;
import com.mctb.kit.kafka.RecordBatchProcessor;
import com.mctb.messaging.persistence.BusinessProfiles;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Thin adapter: keeps this service's copy of the Business Profiles from the compacted {@code settings.business}
 * (time zone for usage months, name for HELP, numbers for inbound texts).
 */
@ApplicationScoped
public class BusinessProfileConsumer {

    static final String NAME = "messaging-service.settings-business";

    @Inject
    RecordBatchProcessor processor;

    @Inject
    BusinessProfiles profiles;

    @Incoming("settings-business")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        processor.process(NAME, records, BusinessProfileChanged.class, new EventHandler<>() {
            @Override
            public void handle(BusinessProfileChanged event) {
                profiles.apply(event);
            }

            @Override
            public void deleted(String accountId) {
                profiles.delete(accountId);
            }
        });
    }
}

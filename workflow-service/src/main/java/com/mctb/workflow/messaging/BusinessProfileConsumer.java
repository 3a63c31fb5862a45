package com.mctb.workflow.messaging;

import com.mctb.contracts.event.BusinessProfileChanged;
import com.mctb.kit.kafka.EventHandler;
import com.mctb.kit.kafka.RecordBatchProcessor;
import com.mctb.workflow.persistence.BusinessProfile;
import com.mctb.workflow.persistence.WorkflowRun;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Thin adapter: keeps this service's copy of the Business Profiles from {@code settings.business}. */
@ApplicationScoped
public class BusinessProfileConsumer {

    static final String NAME = "workflow-service.settings-business";

    private static final EventHandler<BusinessProfileChanged> HANDLER = new EventHandler<>() {
        @Override
        public void handle(BusinessProfileChanged event) {
            BusinessProfile.apply(event);
            // Calls that came before the account's first profile wait for it: they are due now, in call order.
            WorkflowRun.wakeCallsAwaitingProfile(event.accountId());
        }

        @Override
        public void deleted(String accountId) {
            BusinessProfile.deleteById(accountId);
        }
    };

    @Inject
    RecordBatchProcessor processor;

    @Incoming("settings-business")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        processor.process(NAME, records, BusinessProfileChanged.class, HANDLER);
    }
}

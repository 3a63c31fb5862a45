package com.mctb.gateway.settings;

import com.mctb.contracts.event.CallSettingsChanged;
import com.mctb.contracts.json.EventDecodingException;
import com.mctb.kit.kafka.DeadLetters;
import com.mctb.kit.kafka.IncomingRecords;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Thin adapter: keeps {@link CallSettingsCache} up to date from the compacted {@code settings.call}. */
@ApplicationScoped
public class CallSettingsConsumer {

    static final String NAME = "call-gateway.settings-cache";

    @Inject
    CallSettingsCache cache;

    @Inject
    DeadLetters deadLetters;

    @Inject
    SettingsCopyStore store;

    @Incoming("settings-call")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        try {
            if (record.value() == null) {
                cache.remove(record.key());
                store.remove(record.key());
            } else {
                CallSettingsChanged settings = IncomingRecords.decode(record, CallSettingsChanged.class);
                cache.apply(settings);
                store.put(record.key(), settings, record.value());
            }
        } catch (EventDecodingException e) {
            deadLetters.send(NAME, record, e);
        } finally {
            cache.consumed(record.partition(), record.offset());
        }
    }
}

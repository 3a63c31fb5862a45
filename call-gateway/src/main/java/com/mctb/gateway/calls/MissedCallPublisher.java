package com.mctb.gateway.calls;

import com.mctb.contracts.Keys;
import com.mctb.contracts.Topics;
import com.mctb.contracts.event.CallMissed;
import com.mctb.contracts.json.EventJson;
import com.mctb.contracts.phone.PhoneNumbers;
import com.mctb.kit.kafka.CloudEvents;
import com.mctb.kit.kafka.Failures;
import com.mctb.kit.kafka.KafkaProducers;
import com.mctb.kit.tracing.Traces;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * Reports a missed call so that it is never lost, whatever is down:
 * <ol>
 *   <li>normally through {@link CallOutcomes} (the CallSid's row and the outbox, one transaction; Kafka may be away);
 *   <li>if the database is away, straight to Kafka (the CallSid's row is then missing, so a Twilio retry after the
 *       database is back may publish it again: workflow-service's inbox drops it by its event id);
 *   <li>if both are away, to {@link MissedCallSpool}, a local file drained into 1. when the database is back.
 * </ol>
 */
@ApplicationScoped
public class MissedCallPublisher {

    private static final Logger LOG = Logger.getLogger(MissedCallPublisher.class);

    @Inject
    CallOutcomes outcomes;

    @Inject
    KafkaProducers kafka;

    @Inject
    MissedCallSpool spool;

    @Inject
    MeterRegistry registry;

    /** Returns true when this call reported it (false: reported before). */
    public boolean publish(CallMissed missed) {
        try {
            boolean reported = outcomes.reportMissed(missed);
            if (reported) {
                LOG.infof("call %s missed (%s) from %s to account %s", missed.callSid(), missed.dialStatus().twilioName(),
                        PhoneNumbers.mask(missed.from()), missed.accountId());
            }
            return reported;
        } catch (RuntimeException databaseDown) {
            LOG.warnf("call %s: cannot record the missed call in the database (%s); publishing it directly",
                    missed.callSid(), Failures.describe(databaseDown));
        }
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.CALLS_MISSED,
                    Keys.accountAndPhone(missed.accountId(), missed.from()), EventJson.encode(missed));
            CloudEvents.addTo(record.headers(), missed, kafka.source(), java.time.Instant.now());
            Traces.addTo(record.headers(), Traces.current());
            kafka.producer().send(record).get(2, TimeUnit.SECONDS);
            registry.counter("mctb.calls.missed.fallback", "path", "kafka-direct").increment();
            return true;
        } catch (Exception kafkaDown) {
            LOG.errorf("call %s: database and Kafka both unreachable (%s); spooling the missed call to disk",
                    missed.callSid(), Failures.describe(kafkaDown));
        }
        spool.append(missed);
        registry.counter("mctb.calls.missed.fallback", "path", "spool").increment();
        return true;
    }
}

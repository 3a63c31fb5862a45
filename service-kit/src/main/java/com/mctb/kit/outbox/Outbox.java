package com.mctb.kit.outbox;

import com.mctb.contracts.Topics;
import com.mctb.contracts.event.Event;
import com.mctb.contracts.event.EventTypes;
import com.mctb.contracts.json.EventJson;
import com.mctb.kit.tracing.Traces;
import com.mctb.kit.tx.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.util.List;
import org.hibernate.Session;

/**
 * Publishes an event as part of the caller's database transaction: the event is stored with the change it
 * announces and reaches Kafka after the commit (the transactional outbox). A crash between the commit and the
 * send loses nothing; the relay sends it when the service is back.
 */
@ApplicationScoped
public class Outbox {

    private static final String WAKE_REGISTERED = Outbox.class.getName() + ".wake";

    @Inject
    EntityManager em;

    @Inject
    AfterCommit afterCommit;

    @Inject
    OutboxRelay relay;

    /**
     * @throws IllegalArgumentException when {@code topic} does not carry this event ({@link Topics#refusal}): the
     *                                  topic's consumers, and the AsyncAPI document, would not expect it there
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(String topic, String key, Event event) {
        publish(topic, key, event, Traces.current());
    }

    /**
     * With the trace of the work that caused the event, for a row written on another thread than that work's (e.g.
     * a batch of webhooks written by one writer); null when it had none.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(String topic, String key, Event event, String traceparent) {
        Topics.refusal(topic, event).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        insert(topic, key, EventJson.encode(event), event.eventId(), EventTypes.name(event.getClass()), traceparent);
    }

    /** An event to publish with others ({@link #publishAll}), with the trace of the work that caused it (or null). */
    public record Publication(String topic, String key, Event event, String traceparent) {
    }

    /**
     * Publishes many events with one statement, in their order (for a batch written at once, e.g. the gateway's group
     * commit: one insert per event was most of what publishing cost it).
     *
     * @throws IllegalArgumentException when a topic does not carry its event; nothing is written then
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(List<Publication> events) {
        if (events.isEmpty()) {
            return;
        }
        int n = events.size();
        String[][] columns = new String[6][n];
        for (int i = 0; i < n; i++) {
            Publication p = events.get(i);
            Topics.refusal(p.topic(), p.event()).ifPresent(why -> {
                throw new IllegalArgumentException(why);
            });
            columns[0][i] = p.topic();
            columns[1][i] = p.key();
            columns[2][i] = EventJson.encode(p.event());
            columns[3][i] = p.traceparent();
            columns[4][i] = p.event().eventId();
            columns[5][i] = EventTypes.name(p.event().getClass());
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into outbox (topic, record_key, payload, traceparent, event_id, event_type)
                    select topic, record_key, payload, traceparent, event_id, event_type
                    from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) with ordinality
                        as e(topic, record_key, payload, traceparent, event_id, event_type, n)
                    order by n""")) {
                for (int c = 0; c < columns.length; c++) {
                    insert.setArray(c + 1, connection.createArrayOf("text", columns[c]));
                }
                insert.executeUpdate();
            }
        });
        wakeRelayAfterCommit();
    }

    /** A null value: deletes the key from a compacted topic. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishTombstone(String topic, String key) {
        insert(topic, key, null, null, null, Traces.current());
    }

    private void insert(String topic, String key, String payload, String eventId, String eventType, String traceparent) {
        em.createNativeQuery("insert into outbox (topic, record_key, payload, traceparent, event_id, event_type)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, topic)
                .setParameter(2, key)
                .setParameter(3, payload)
                .setParameter(4, traceparent)
                .setParameter(5, eventId)
                .setParameter(6, eventType)
                .executeUpdate();
        wakeRelayAfterCommit();
    }

    /** Sends right after the commit instead of waiting for the relay's next poll: speed-to-lead depends on it. */
    private void wakeRelayAfterCommit() {
        afterCommit.once(WAKE_REGISTERED, relay::wakeUp);
    }
}

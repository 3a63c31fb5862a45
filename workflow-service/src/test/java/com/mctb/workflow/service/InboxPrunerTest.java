package com.mctb.workflow.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.testkit.KafkaAndPostgres;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Inbox rows are kept for the retention (7 days by default), then deleted; younger ones stay. */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
class InboxPrunerTest {

    @Inject
    InboxPruner pruner;

    @Inject
    EntityManager em;

    @Test
    void rowsOlderThanTheRetentionAreDeletedAndYoungerOnesKept() {
        insert("prune-test", "old", Instant.now().minus(Duration.ofDays(8)));
        insert("prune-test", "almost", Instant.now().minus(Duration.ofDays(6)));
        insert("prune-test", "new", Instant.now());

        assertThat(pruner.prune()).isGreaterThanOrEqualTo(1);

        assertThat(kept("prune-test")).isEqualTo(2);
        assertThat(QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from processed_event where processed_at < now() - interval '7 days'")
                .getSingleResult()).longValue())).isZero();
    }

    private void insert(String consumer, String eventId, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "insert into processed_event (consumer, event_id, processed_at) values (?1, ?2, ?3)")
                .setParameter(1, consumer).setParameter(2, eventId + "-" + System.nanoTime()).setParameter(3, at)
                .executeUpdate());
    }

    private long kept(String consumer) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from processed_event where consumer = ?1").setParameter(1, consumer)
                .getSingleResult()).longValue());
    }
}

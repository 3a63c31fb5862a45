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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Journey entries are kept for the journal's retention (30 days by default) and inbox rows for the inbox's (7 days),
 * then deleted in bounded batches found through the BRIN index; younger rows stay.
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
class RetentionPrunerTest {

    @Inject
    RetentionPruner pruner;

    @Inject
    EntityManager em;

    @Test
    void journeyEntriesPastTheRetentionAreDeletedInBatchesAndYoungerOnesKept() {
        String call = "CA-prune-" + UUID.randomUUID();
        for (int i = 0; i < 7; i++) {
            journal(call, "old-" + i, Instant.now().minus(Duration.ofDays(31 + i)));
        }
        journal(call, "almost", Instant.now().minus(Duration.ofDays(29)));
        journal(call, "new", Instant.now());

        // Batches of 3: 3 + 3 + 1, the last one short, so the pruning stops there.
        long deleted = pruner.prune(RetentionPruner.Table.JOURNAL, Instant.now().minus(Duration.ofDays(30)), 3);

        assertThat(deleted).isEqualTo(7);
        assertThat(details("select detail from journey_entry where call_sid = ?1 order by detail", call))
                .containsExactly("almost", "new");
    }

    @Test
    void theScheduledPruneKeepsThirtyDaysOfJournalAndSevenOfInbox() {
        String call = "CA-prune-" + UUID.randomUUID();
        journal(call, "old", Instant.now().minus(Duration.ofDays(31)));
        journal(call, "week-old", Instant.now().minus(Duration.ofDays(8)));
        String consumer = "prune-test-" + UUID.randomUUID();
        inbox(consumer, "old", Instant.now().minus(Duration.ofDays(8)));
        inbox(consumer, "almost", Instant.now().minus(Duration.ofDays(6)));
        inbox(consumer, "new", Instant.now());

        assertThat(pruner.prune()).isGreaterThanOrEqualTo(2);

        assertThat(details("select detail from journey_entry where call_sid = ?1", call)).containsExactly("week-old");
        assertThat(details("select event_id from processed_event where consumer = ?1 order by event_id", consumer))
                .containsExactly("almost", "new");
    }

    @Test
    void thePruneFindsOldRowsThroughTheBrinIndexNotAScan() {
        List<String> plan = QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("set local enable_seqscan = off").executeUpdate();
            @SuppressWarnings("unchecked")
            List<String> lines = em.createNativeQuery("explain select ctid from journey_entry where at < now() "
                    + "- interval '30 days' limit 5000").getResultList();
            @SuppressWarnings("unchecked")
            List<String> inbox = em.createNativeQuery("explain select ctid from processed_event where processed_at "
                    + "< now() - interval '7 days' limit 5000").getResultList();
            return List.of(String.join("\n", lines), String.join("\n", inbox));
        });
        assertThat(plan.get(0)).contains("journey_entry_at_brin");
        assertThat(plan.get(1)).contains("processed_event_at_brin");
    }

    private void journal(String callSid, String detail, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into journey_entry (id, account_id, "
                        + "call_sid, at, kind, detail) values (-nextval('journey_entry_seq'), 'prune', ?1, ?2, "
                        + "'waiting', ?3)")
                .setParameter(1, callSid).setParameter(2, at).setParameter(3, detail).executeUpdate());
    }

    private void inbox(String consumer, String eventId, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "insert into processed_event (consumer, event_id, processed_at) values (?1, ?2, ?3)")
                .setParameter(1, consumer).setParameter(2, eventId).setParameter(3, at).executeUpdate());
    }

    @SuppressWarnings("unchecked")
    private List<String> details(String query, String param) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(query).setParameter(1, param)
                .getResultList());
    }
}

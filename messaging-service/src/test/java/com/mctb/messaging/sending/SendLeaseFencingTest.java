package com.mctb.messaging.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mctb.contracts.event.MessageAccepted;
import com.mctb.messaging.domain.MessageStatus;
import com.mctb.messaging.persistence.Message;
import com.mctb.messaging.support.Database;
import com.mctb.messaging.support.Texts;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TwilioStandInResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An instance paused (GC, VM stall) past its send lease (2 s in the test profile) whose text recovery took over:
 * when it resumes it neither sends the text nor records anything for it.
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class SendLeaseFencingTest {

    @Inject
    TwilioSender sender;

    @Inject
    MessageOutcomes outcomes;

    @Inject
    EntityManager em;

    @BeforeEach
    void reset() {
        TwilioStandInResource.standIn().reset();
    }

    @Test
    void aPausedInstanceWhoseTextWasTakenOverDoesNotSendIt() {
        // The paused instance claimed the text 3 s ago (its monotonic clock) and stopped before asking Twilio.
        Database.leftBehind("cmd-fence-1", "acct-fence", "+15556791001", "claimed, then paused", MessageStatus.SENDING,
                Duration.ofSeconds(10));
        OutgoingText paused = claimedBeforeThePause("cmd-fence-1", 0);

        // Its lease ran out: recovery took the text over (a new token), asked Twilio and sent it.
        MessageAccepted accepted = Texts.event(MessageAccepted.class, "cmd-fence-1");
        assertThat(Texts.sentTo("+15556791001")).hasSize(1);

        // The paused instance resumes where it stopped: just before its request to Twilio.
        sender.send(paused, false, true);

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> Texts.sentTo("+15556791001").size() == 1);
        Message row = Database.message("cmd-fence-1").orElseThrow();
        assertThat(row.twilioSid).isEqualTo(accepted.messageSid());
        assertThat(row.lease).isGreaterThan(paused.lease());
    }

    @Test
    void onlyLeasesOlderThanARoundAreRenewed() {
        // Held by this instance: one last touched 10 s ago, one just now. In one transaction rolled back at the end,
        // so recovery (which would take the older one over) never sees either.
        QuarkusTransaction.begin();
        try {
            UUID old = Database.inThisTransaction("cmd-fence-3", "acct-fence", "+15556791003", "held a while",
                    MessageStatus.SENDING, Duration.ofSeconds(10));
            UUID fresh = Database.inThisTransaction("cmd-fence-4", "acct-fence", "+15556791004", "just held",
                    MessageStatus.SENDING, Duration.ZERO);
            em.flush();
            Instant before = touched(fresh);

            assertThat(outcomes.renewLeases(List.of(old, fresh), Duration.ofSeconds(1))).as("rows written")
                    .isEqualTo(1);

            assertThat(touched(old)).isAfter(Instant.now().minus(Duration.ofSeconds(1)));
            assertThat(touched(fresh)).isEqualTo(before);
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    private Instant touched(UUID id) {
        return ((OffsetDateTime) em.createNativeQuery("select updated_at from message where id = ?1",
                OffsetDateTime.class).setParameter(1, id).getSingleResult()).toInstant();
    }

    @Test
    void anOutcomeIsRecordedOnlyUnderTheClaimsToken() {
        UUID id = Database.leftBehind("cmd-fence-2", "acct-fence", "+15556791002", "outcome of a stale claim",
                MessageStatus.SENDING, Duration.ZERO);
        OutgoingText stale = claimedBeforeThePause("cmd-fence-2", 0);
        // Another claimer took it over.
        QuarkusTransaction.requiringNew().run(() -> outcomes.takeOver(List.of(id)));

        outcomes.record(List.of(new SendOutcome.Accepted(stale, "SM" + "0".repeat(32), Instant.now(), false)));

        Message row = Database.message("cmd-fence-2").orElseThrow();
        assertThat(row.twilioSid).isNull();
        assertThat(row.status).isEqualTo(MessageStatus.SENDING);
        assertThat(outcomes.stillHolds(id, stale.lease())).isFalse();
        assertThat(outcomes.stillHolds(id, row.lease)).isTrue();
        // Not left for recovery to send: this text only shows the fence.
        QuarkusTransaction.requiringNew().run(() -> Message.update("status = ?1 where id = ?2", MessageStatus.REJECTED, id));
    }

    /**
     * The text as the paused instance holds it: its token (what the row was inserted with, whatever recovery has done
     * since), and a claim 3 s old on its monotonic clock.
     */
    private static OutgoingText claimedBeforeThePause(String commandId, long token) {
        Message row = Database.message(commandId).orElseThrow();
        return OutgoingText.of(row).claimed(row.claimedAt, token, System.nanoTime() - Duration.ofSeconds(3).toNanos());
    }
}

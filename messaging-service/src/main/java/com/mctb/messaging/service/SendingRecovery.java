package com.mctb.messaging.service;

import com.mctb.kit.kafka.Failures;
import com.mctb.messaging.config.MessagingConfig;
import com.mctb.messaging.persistence.Message;
import com.mctb.messaging.sending.MessageOutcomes;
import com.mctb.messaging.sending.OutgoingText;
import com.mctb.messaging.sending.SendingPipeline;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Picks up texts an instance stopped working on. Every instance renews the lease ({@code updated_at}) of the texts it
 * holds; a text whose lease ran out belongs to nobody:
 * <ul>
 *   <li>PENDING: no request was ever made for it, so it is simply sent (through the rate limit and the claim);</li>
 *   <li>SENDING: a request may have reached Twilio and its answer was lost (the ambiguous crash). It is never sent
 *       again blindly: Twilio's list of texts from its number to its recipient is read, a text with its body created
 *       since its claim is recorded as its acceptance, and only if Twilio has none is it sent.</li>
 * </ul>
 * Rows are taken with {@code FOR UPDATE SKIP LOCKED} and their lease renewed in the same transaction, so two
 * instances never pick up the same text.
 */
@ApplicationScoped
public class SendingRecovery {

    private static final Logger LOG = Logger.getLogger(SendingRecovery.class);
    private static final int BATCH = 200;

    @Inject
    EntityManager em;

    @Inject
    SendingPipeline pipeline;

    @Inject
    MessageOutcomes outcomes;

    @Inject
    MessagingConfig config;

    @Scheduled(every = "${mctb.messaging.recovery.interval:5s}", delayed = "${mctb.messaging.recovery.interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void recover() {
        try {
            Set<UUID> mine = pipeline.inFlight();
            // A lease last renewed a round ago or less is renewed next round: at most two rounds old (10 s), well
            // within the shortest lease (pending-after, 30 s).
            outcomes.renewLeases(mine, config.recovery().interval());
            List<OutgoingText> pending = takeUnattended("PENDING", config.recovery().pendingAfter(), mine);
            if (!pending.isEmpty()) {
                LOG.infof("recovery: %d PENDING text(s) nobody was sending; sending them", pending.size());
                pipeline.resumePending(pending);
            }
            List<OutgoingText> sending = takeUnattended("SENDING", config.recovery().sendingAfter(), mine);
            if (!sending.isEmpty()) {
                LOG.infof("recovery: %d SENDING text(s) with an unknown outcome; asking Twilio before sending any",
                        sending.size());
                pipeline.resumeUnknown(sending);
            }
        } catch (RuntimeException e) {
            LOG.warnf("recovery skipped this round: %s", Failures.describe(e));
        }
    }

    private List<OutgoingText> takeUnattended(String status, java.time.Duration after, Set<UUID> mine) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<UUID> ids = em.createNativeQuery("""
                            select id from message where status = ?1 and updated_at < now() - make_interval(secs => ?2)
                            order by updated_at limit ?3 for update skip locked""")
                    .setParameter(1, status).setParameter(2, after.toMillis() / 1000.0).setParameter(3, BATCH)
                    .getResultList();
            List<UUID> theirs = ids.stream().filter(id -> !mine.contains(id)).toList();
            if (theirs.isEmpty()) {
                return List.of();
            }
            outcomes.takeOver(theirs);
            return Message.<Message>list("id in ?1", theirs).stream().map(OutgoingText::of).toList();
        });
    }
}

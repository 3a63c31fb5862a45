package com.mctb.messaging.service;

import com.mctb.messaging.persistence.Message;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Sends messages that were recorded but never sent (the service stopped between recording a command and sending
 * it). Only PENDING ones: a request to Twilio was never made for them, so sending cannot duplicate a text.
 */
@ApplicationScoped
public class PendingMessageSweeper {

    @Inject
    MessageSender sender;

    @Scheduled(every = "${mctb.messaging.sweep-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "5s", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sendForgotten() {
        List<UUID> stale = Message.<Message>find("status = ?1 and createdAt < ?2 order by createdAt",
                        com.mctb.messaging.persistence.MessageStatus.PENDING, Instant.now().minusSeconds(5))
                .page(0, 100).stream().map(m -> m.id).toList();
        stale.forEach(sender::send);
    }
}

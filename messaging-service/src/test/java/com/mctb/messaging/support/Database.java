package com.mctb.messaging.support;

import com.mctb.contracts.event.Channel;
import com.mctb.contracts.event.MessageCause;
import com.mctb.messaging.domain.MessageStatus;
import com.mctb.messaging.persistence.BusinessProfiles;
import com.mctb.messaging.persistence.Message;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;

/** The service's own tables, for setting up what a stopped instance would have left, and for looking. */
public final class Database {

    private Database() {
    }

    /** A text as an instance that stopped at {@code status} would have left it, {@code age} ago. */
    public static UUID leftBehind(String commandId, String account, String to, String body, MessageStatus status,
            Duration age) {
        return QuarkusTransaction.requiringNew().call(() -> inThisTransaction(commandId, account, to, body, status, age));
    }

    /** {@link #leftBehind}, in the caller's transaction (so nobody else sees it before it commits). */
    public static UUID inThisTransaction(String commandId, String account, String to, String body,
            MessageStatus status, Duration age) {
        Instant then = Instant.now().minus(age);
        Message m = new Message();
        m.id = UUID.randomUUID();
        m.commandId = commandId;
        m.accountId = account;
        m.channel = Channel.SMS;
        m.fromNumber = Texts.FROM;
        m.toNumber = to;
        m.body = body;
        m.cause = MessageCause.WORKFLOW;
        m.status = status;
        m.createdAt = then;
        m.updatedAt = then;
        m.claimedAt = status == MessageStatus.SENDING ? then : null;
        m.persist();
        return m.id;
    }

    public static Optional<Message> message(String commandId) {
        return QuarkusTransaction.requiringNew().call(() -> Message.byCommandId(commandId).map(m -> {
            Message.getEntityManager().detach(m);
            return m;
        }));
    }

    public static MessageStatus status(String commandId) {
        return message(commandId).map(m -> m.status).orElse(null);
    }

    /** Waits until this service's copy of settings.business routes the number to the account. */
    public static void awaitNumberOf(String account, String number) {
        BusinessProfiles profiles = Arc.container().instance(BusinessProfiles.class).get();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> profiles.accountOwning(number)).filter(account::equals).isPresent());
    }
}

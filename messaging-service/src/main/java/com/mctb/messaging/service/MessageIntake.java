package com.mctb.messaging.service;

import com.mctb.contracts.event.SendMessage;
import com.mctb.messaging.persistence.Message;
import com.mctb.messaging.persistence.MessageStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/** Records a SendMessage command before anything is sent, once per command id. */
@ApplicationScoped
public class MessageIntake {

    /** The new message's id, or null when this command was recorded before (a redelivery). */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID record(SendMessage command) {
        if (Message.byCommandId(command.commandId()).isPresent()) {
            return null;
        }
        Message m = new Message();
        m.id = UUID.randomUUID();
        m.commandId = command.commandId();
        m.accountId = command.accountId();
        m.channel = command.channel();
        m.fromNumber = command.from();
        m.toNumber = command.to();
        m.body = command.body();
        m.cause = command.cause();
        m.callSid = command.callSid();
        m.missedAt = command.missedAt();
        m.status = MessageStatus.PENDING;
        m.createdAt = Instant.now();
        m.updatedAt = m.createdAt;
        m.persist();
        return m.id;
    }
}

package com.mctb.messaging.rest;

import com.mctb.messaging.persistence.Message;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** The account's texts, newest first. */
@Path("/api/accounts/{accountId}/messages")
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {

    @GET
    public List<MessageResponse> list(@PathParam("accountId") String accountId,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        return Message.ofAccount(accountId, Math.max(1, Math.min(limit, 500))).stream().map(MessageResponse::of).toList();
    }

    public record MessageResponse(String commandId, String channel, String from, String to, String body,
            String status, String twilioSid, Integer segments, Integer errorCode, Instant createdAt) {
        static MessageResponse of(Message m) {
            return new MessageResponse(m.commandId, m.channel.name(), m.fromNumber, m.toNumber, m.body,
                    m.status.name(), m.twilioSid, m.segments, m.errorCode, m.createdAt);
        }
    }
}

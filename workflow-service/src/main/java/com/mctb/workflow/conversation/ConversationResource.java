package com.mctb.workflow.conversation;

import com.mctb.contracts.event.Channel;
import com.mctb.kit.rest.Problems;
import com.mctb.workflow.domain.conversation.TeamReply;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A contact's conversation: everything in and out, calls and voicemails, in time order; the account's conversations
 * newest first; the team's answer; marking one read. Tenancy as every {@code /api/accounts/{id}} call (service-kit's
 * {@code AccountAccessFilter}); a contact of another account is 404.
 */
@Path("/api/accounts/{accountId}/conversations")
@Produces(MediaType.APPLICATION_JSON)
public class ConversationResource {

    /** The team's answer. {@code channel} SMS (default) or WHATSAPP; {@code from} one of the account's numbers. */
    public record ReplyRequest(String body, String channel, String from, String userId) {
    }

    @Inject
    ConversationQueries queries;

    @Inject
    TeamReplies replies;

    @Inject
    MessagingLimits limits;

    @GET
    public Response list(@PathParam("accountId") String accountId, @QueryParam("unread") @DefaultValue("false")
            boolean unread, @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("20") int limit) {
        if (offset < 0) {
            return invalid("offset", "must be 0 or more");
        }
        if (limit < 1 || limit > 100) {
            return invalid("limit", "must be between 1 and 100");
        }
        return Response.ok(queries.list(accountId, unread, offset, limit)).build();
    }

    @GET
    @Path("{contactId}")
    public Response thread(@PathParam("accountId") String accountId, @PathParam("contactId") UUID contactId) {
        return queries.thread(accountId, contactId).map(t -> Response.ok(t).build())
                .orElseGet(() -> noContact(accountId, contactId));
    }

    @POST
    @Path("{contactId}/read")
    public Response read(@PathParam("accountId") String accountId, @PathParam("contactId") UUID contactId) {
        return queries.markRead(accountId, contactId) ? Response.noContent().build() : noContact(accountId, contactId);
    }

    /**
     * The team's answer. {@code Idempotency-Key} (required, chosen by the client, one per text): the same request
     * sent again answers 200 with the same text and sends nothing more.
     */
    @POST
    @Path("{contactId}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response reply(@PathParam("accountId") String accountId, @PathParam("contactId") UUID contactId,
            @HeaderParam("Idempotency-Key") String key, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            ReplyRequest request) {
        if (!TeamReply.isIdempotencyKey(key)) {
            return invalid("Idempotency-Key", "is required: 1 to 100 letters, digits, '-', '_', ':' or '.', a new one "
                    + "for each text (the same one when a request is retried)");
        }
        if (request == null) {
            return invalid("body", "is required: a JSON body {\"body\": \"…\"}");
        }
        Channel channel;
        try {
            channel = request.channel() == null || request.channel().isBlank() ? Channel.SMS
                    : Channel.valueOf(request.channel().trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return invalid("channel", "must be SMS or WHATSAPP");
        }
        if (request.userId() != null && request.userId().length() > 64) {
            return invalid("userId", "must be at most 64 characters");
        }
        Optional<Long> limitReached = request.body() == null || request.body().isBlank() ? Optional.empty()
                : limits.reached(accountId, authorization);
        TeamReplies.Written written;
        try {
            written = replies.send(accountId, contactId, key, request.body(), channel, request.from(),
                    request.userId(), limitReached);
        } catch (TeamReplies.Refused refused) {
            if (refused.status == 404) {
                return noContact(accountId, contactId);
            }
            return Problems.of(refused.status, refused.status == 400 ? "Bad Request" : "Conflict",
                    refused.getMessage(), refused.field == null ? List.of()
                            : List.of(new Problems.FieldError(refused.field, refused.getMessage())));
        }
        ConversationViews.Entry entry = queries.textOut(accountId, written.commandId()).orElseThrow();
        return Response.status(written.created() ? Response.Status.CREATED : Response.Status.OK).entity(entry).build();
    }

    private static Response invalid(String field, String message) {
        return Problems.of(400, "Bad Request", field + " " + message, List.of(new Problems.FieldError(field, message)));
    }

    private static Response noContact(String accountId, UUID contactId) {
        return Problems.of(Response.Status.NOT_FOUND, "account " + accountId + " has no contact " + contactId);
    }
}

package com.mctb.messaging.rest;

import com.mctb.messaging.domain.AccountMonths;
import com.mctb.messaging.persistence.BusinessProfiles;
import com.mctb.messaging.persistence.MessagingLimits;
import com.mctb.messaging.persistence.UsageLedger;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import com.mctb.kit.auth.Operators;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import java.time.Instant;
import java.time.YearMonth;

/**
 * The account's monthly messaging limit: past it, texts are rejected (reason LIMIT). Null is unlimited. The account
 * reads it; only an operator sets it (a plan setting).
 */
@Path("/api/accounts/{accountId}/messaging-limit")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MessagingLimitResource {

    @Inject
    MessagingLimits limits;

    @Inject
    UsageLedger usage;

    @Inject
    BusinessProfiles profiles;

    @Inject
    JsonWebToken token;

    @GET
    public LimitResponse get(@PathParam("accountId") String accountId) {
        return response(accountId, limits.monthlyMessages(accountId).orElse(null));
    }

    /** Sets or lifts the limit: an operator's decision (a tenant's own token gets 403 with the reason). */
    @PUT
    public Response put(@PathParam("accountId") String accountId,
            @Valid @NotNull(message = "a JSON body with \"monthlyMessages\" (a number, or null) is required") LimitRequest request) {
        Optional<Response> refused = Operators.refuseUnlessOperator(token, "the monthly messaging limit");
        if (refused.isPresent()) {
            return refused.get();
        }
        limits.set(accountId, request.monthlyMessages());
        return Response.ok(response(accountId, request.monthlyMessages())).build();
    }

    private LimitResponse response(String accountId, Integer limit) {
        YearMonth month = AccountMonths.of(Instant.now(),
                profiles.timeZones(java.util.List.of(accountId)).get(accountId));
        long used = usage.messages(accountId, month);
        return new LimitResponse(accountId, limit, month.toString(), used,
                limit == null ? null : Math.max(0, limit - used));
    }

    public record LimitRequest(@PositiveOrZero(message = "must be 0 or more (null: unlimited)") Integer monthlyMessages) {
    }

    public record LimitResponse(String accountId, Integer monthlyMessages, String month, long usedThisMonth, Long remaining) {
    }
}

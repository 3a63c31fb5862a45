package com.mctb.settings.rest;

import com.mctb.settings.service.Operators;
import com.mctb.settings.service.TwilioAccountService;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The account's Twilio account: tenants read it; operators tie it. */
@Path("/api/accounts/{accountId}/twilio")
@Tag(name = "Twilio account")
@Produces(MediaType.APPLICATION_JSON)
public class TwilioAccountResource {

    @Inject
    TwilioAccountService twilioAccounts;

    @Inject
    Operators operators;

    @GET
    @Operation(summary = "The account's Twilio AccountSid (never a token); null until it has one")
    public TwilioAccountResponse get(@PathParam("accountId") String accountId) {
        return TwilioAccountResponse.of(twilioAccounts.get(accountId));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Operator only: ties the account to an existing Twilio account the platform's credentials can"
            + " fetch (422 naming it when they cannot)")
    public TwilioAccountResponse link(@PathParam("accountId") String accountId,
            @NotNull(message = "a JSON body is required") LinkTwilioAccountRequest request) {
        operators.require("tying an account to a Twilio account");
        return TwilioAccountResponse.of(twilioAccounts.link(accountId, request.accountSid()));
    }

    @POST
    @Path("subaccount")
    @Operation(summary = "Operator only: makes the account's subaccount of the platform's Twilio account"
            + " (FriendlyName \"mctb <accountId>\"); 409 when it has a Twilio account")
    public Response subaccount(@PathParam("accountId") String accountId) {
        operators.require("making an account's Twilio subaccount");
        return Response.status(Response.Status.CREATED)
                .entity(TwilioAccountResponse.of(twilioAccounts.createSubaccount(accountId))).build();
    }
}

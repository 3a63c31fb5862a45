package com.mctb.settings.rest;

import com.mctb.settings.persistence.Account;
import com.mctb.settings.service.AccountService;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The Business Profile: business name and time zone. */
@Path("/api/accounts/{accountId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Business Profile")
public class AccountResource {

    @Inject
    AccountService accounts;

    @PUT
    @Operation(summary = "Creates the account (201) or updates its name and time zone (200)")
    @APIResponse(responseCode = "201", description = "created")
    @APIResponse(responseCode = "200", description = "updated")
    public Response save(@PathParam("accountId") @Pattern(regexp = AccountIds.PATTERN, message = AccountIds.MESSAGE) String accountId,
            @Valid @NotNull(message = "a JSON body is required") AccountRequest request) {
        boolean created = accounts.save(accountId, request.businessName(), request.timeZone());
        return Response.status(created ? Response.Status.CREATED : Response.Status.OK).entity(get(accountId)).build();
    }

    @GET
    @Operation(summary = "The Business Profile with the account's numbers")
    public AccountResponse get(@PathParam("accountId") String accountId) {
        Account account = accounts.get(accountId);
        return AccountResponse.of(account, accounts.numbers(accountId));
    }
}

package com.mctb.settings.rest;

import com.mctb.contracts.phone.PhoneNumbers;
import com.mctb.settings.persistence.Account;
import com.mctb.settings.service.AccountService;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The Business Profile (name, time zone) and the account's Twilio numbers. */
@Path("/api/accounts/{accountId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {

    @Inject
    AccountService accounts;

    /** Creates the account (201) or updates it (200). */
    @PUT
    public Response save(@PathParam("accountId") @Pattern(regexp = AccountIds.PATTERN, message = AccountIds.MESSAGE) String accountId,
            @Valid @NotNull(message = "a JSON body is required") AccountRequest request) {
        boolean created = accounts.save(accountId, request.businessName(), request.timeZone());
        return Response.status(created ? Response.Status.CREATED : Response.Status.OK).entity(get(accountId)).build();
    }

    @GET
    public AccountResponse get(@PathParam("accountId") String accountId) {
        Account account = accounts.get(accountId);
        return AccountResponse.of(account, accounts.numbers(accountId));
    }

    @GET
    @Path("numbers")
    public List<NumberResponse> numbers(@PathParam("accountId") String accountId) {
        return accounts.numbers(accountId).stream().map(NumberResponse::of).toList();
    }

    @PUT
    @Path("numbers/{number}")
    public NumberResponse addNumber(@PathParam("accountId") String accountId, @PathParam("number") String number,
            NumberRequest request) {
        boolean makeDefault = request != null && Boolean.TRUE.equals(request.isDefault());
        return NumberResponse.of(accounts.addNumber(accountId, e164(number), makeDefault));
    }

    @DELETE
    @Path("numbers/{number}")
    public Response removeNumber(@PathParam("accountId") String accountId, @PathParam("number") String number) {
        accounts.removeNumber(accountId, e164(number));
        return Response.noContent().build();
    }

    private static String e164(String number) {
        return PhoneNumbers.toE164(number)
                .orElseThrow(() -> new BadRequestException("number: '" + number + "' is not a phone number in E.164 (+15551234567)"));
    }
}

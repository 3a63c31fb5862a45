package com.mctb.settings.rest;

import com.mctb.settings.service.AccountService;
import com.mctb.settings.service.CallSettingsService;
import com.mctb.settings.service.Level;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** The account's Twilio numbers, and the call settings and greeting set per number (Phone settings). */
@Path("/api/accounts/{accountId}/numbers")
@Tag(name = "Numbers")
public class NumberResource {

    @Inject
    AccountService accounts;

    @Inject
    CallSettingsService callSettings;

    @Inject
    GreetingEndpoints greetings;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The account's Twilio numbers")
    public List<NumberResponse> numbers(@PathParam("accountId") String accountId) {
        return accounts.numbers(accountId).stream().map(NumberResponse::of).toList();
    }

    @GET
    @Path("{number}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One of the account's numbers")
    public NumberResponse number(@PathParam("accountId") String accountId, @PathParam("number") String number) {
        return NumberResponse.of(accounts.number(accountId, Ids.e164("number", number)));
    }

    @PUT
    @Path("{number}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Adds a Twilio number (E.164) or updates it: default sending number, assigned user",
            description = "The body may be left out. assignedUserId left out or null: the number is assigned to nobody.")
    public NumberResponse save(@PathParam("accountId") String accountId, @PathParam("number") String number,
            NumberRequest request) {
        boolean makeDefault = request != null && Boolean.TRUE.equals(request.isDefault());
        String assignedUserId = request == null || request.assignedUserId() == null || request.assignedUserId().isBlank()
                ? null : request.assignedUserId();
        return NumberResponse.of(accounts.saveNumber(accountId, Ids.e164("number", number), makeDefault, assignedUserId));
    }

    @DELETE
    @Path("{number}")
    @Operation(summary = "Removes a number with its settings and greeting; its settings.call key is tombstoned")
    public Response remove(@PathParam("accountId") String accountId, @PathParam("number") String number) {
        accounts.removeNumber(accountId, Ids.e164("number", number));
        return Response.noContent().build();
    }

    @GET
    @Path("{number}/call-settings")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "What this number sets (null: inherited from its user, then the account)")
    public CallSettingsResponse callSettings(@PathParam("accountId") String accountId,
            @PathParam("number") String number) {
        return CallSettingsViews.level(callSettings, greetings, accountId, Level.number(Ids.e164("number", number)));
    }

    @PUT
    @Path("{number}/call-settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replaces what this number sets; null fields inherit")
    public CallSettingsResponse saveCallSettings(@PathParam("accountId") String accountId,
            @PathParam("number") String number,
            @Valid @NotNull(message = "a JSON body is required") CallSettingsRequest request) {
        return CallSettingsViews.save(callSettings, greetings, accountId, Level.number(Ids.e164("number", number)),
                request);
    }

    @PUT
    @Path("{number}/call-settings/greeting")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Uploads this number's voicemail greeting (MP3 or WAV, at most 10 MB and 3 minutes)")
    public Response uploadGreeting(@PathParam("accountId") String accountId, @PathParam("number") String number,
            @RestForm("file") FileUpload file) {
        return greetings.upload(accountId, Level.number(Ids.e164("number", number)), file);
    }

    @GET
    @Path("{number}/call-settings/greeting")
    @Operation(summary = "Plays this number's greeting (Range requests supported)")
    public Response previewGreeting(@PathParam("accountId") String accountId, @PathParam("number") String number,
            @HeaderParam("Range") String range, @HeaderParam("If-Range") String ifRange,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        return greetings.preview(accountId, Level.number(Ids.e164("number", number)), range, ifRange, ifNoneMatch);
    }

    @DELETE
    @Path("{number}/call-settings/greeting")
    @Operation(summary = "Removes this number's greeting: it falls back to its user's, the account's, or the default")
    public Response removeGreeting(@PathParam("accountId") String accountId, @PathParam("number") String number) {
        return greetings.remove(accountId, Level.number(Ids.e164("number", number)));
    }
}

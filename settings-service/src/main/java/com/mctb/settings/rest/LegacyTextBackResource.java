package com.mctb.settings.rest;

import com.mctb.settings.persistence.Account;
import com.mctb.settings.service.InvalidFieldsException;
import com.mctb.settings.service.LegacyTextBackService;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The legacy Business Profile "Missed Call Text Back" toggle. */
@Path("/api/accounts/{accountId}/legacy-text-back")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Business Profile")
public class LegacyTextBackResource {

    /** What the toggle does; the settings page shows it before the toggle is turned on. */
    static final String WHAT_IT_DOES = "every missed call to this account's numbers is texted this message at once, "
            + "with no wait, no filters and no business hours, each time the caller calls. Use a missed-call workflow "
            + "instead for any of those.";
    static final String ON_WARNING = "Missed Call Text Back is on: " + WHAT_IT_DOES;

    @Inject
    LegacyTextBackService service;

    @GET
    @Operation(summary = "Whether the legacy toggle is on, and its message")
    public LegacyTextBackResponse get(@PathParam("accountId") String accountId) {
        return view(service.get(accountId));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Turns the legacy toggle on or off",
            description = "Turning it on asks workflow-service (with the caller's credential) whether a missed-call "
                    + "workflow is active; if one is, it is refused (409), and if workflow-service cannot answer it "
                    + "is refused (503), so a caller is never texted twice.")
    @APIResponse(responseCode = "200", description = "saved; when on, with a warning")
    @APIResponse(responseCode = "409", description = "a missed-call workflow is active (named in the detail)")
    @APIResponse(responseCode = "503", description = "workflow-service could not be asked")
    public LegacyTextBackResponse save(@PathParam("accountId") String accountId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Valid @NotNull(message = "a JSON body is required") LegacyTextBackRequest request) {
        boolean enabled = request.enabled();
        if (enabled && (request.message() == null || request.message().isBlank())) {
            throw new InvalidFieldsException("message", "is required when the toggle is on: it is the text callers get");
        }
        return view(service.save(accountId, enabled, request.message(), authorization));
    }

    private static LegacyTextBackResponse view(Account account) {
        return new LegacyTextBackResponse(account.legacyTextBackEnabled, account.legacyTextBackMessage,
                account.legacyTextBackEnabled ? List.of(ON_WARNING) : List.of());
    }
}

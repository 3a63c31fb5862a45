package com.mctb.settings.rest;

import com.mctb.contracts.hours.BusinessHours;
import com.mctb.settings.persistence.Account;
import com.mctb.settings.service.BusinessHoursService;
import com.mctb.settings.service.InvalidFieldsException;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Business hours in the account's time zone, and whether the business is open at a given moment. */
@Path("/api/accounts/{accountId}/business-hours")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Business hours")
public class BusinessHoursResource {

    @Inject
    BusinessHoursService service;

    @GET
    @Operation(summary = "The account's business hours (set=false: none set, always open)")
    public BusinessHoursResponse get(@PathParam("accountId") String accountId) {
        return BusinessHoursResponse.of(service.account(accountId));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replaces the business hours: weekly intervals (overnight allowed) and dated exceptions")
    public BusinessHoursResponse save(@PathParam("accountId") String accountId,
            @NotNull(message = "a JSON body is required") BusinessHoursRequest request) {
        Account account = service.account(accountId);
        BusinessHours hours = request.toBusinessHours(account.timeZone);
        return BusinessHoursResponse.of(service.save(accountId, hours));
    }

    @DELETE
    @Operation(summary = "Clears the business hours: the business counts as always open")
    public BusinessHoursResponse clear(@PathParam("accountId") String accountId) {
        return BusinessHoursResponse.of(service.clear(accountId));
    }

    @GET
    @Path("status")
    @Operation(summary = "Open or closed at an instant, and when that next changes (DST-correct)")
    public BusinessHoursStatusResponse status(@PathParam("accountId") String accountId,
            @Parameter(description = "An ISO-8601 instant (2026-03-08T06:30:00Z) or date-time with offset; default now")
            @QueryParam("at") String at) {
        Instant instant = parseInstant(at);
        Account account = service.account(accountId);
        BusinessHours.Status status = service.status(account, instant);
        return new BusinessHoursStatusResponse(instant, status.open(), status.nextChange().orElse(null),
                status.nextChange().map(next -> next.atZone(account.hours().map(BusinessHours::zone)
                        .orElse(java.time.ZoneId.of(account.timeZone))).toOffsetDateTime().toString()).orElse(null),
                account.timeZone, account.hours().isPresent());
    }

    private static Instant parseInstant(String at) {
        if (at == null || at.isBlank()) {
            return Instant.now();
        }
        // A '+' offset in an unencoded query string arrives as a space.
        String value = at.trim().replace(' ', '+');
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidFieldsException("at", "'" + at + "' is not an ISO-8601 instant such as "
                        + "2026-03-08T06:30:00Z or 2026-03-08T01:30:00-05:00");
            }
        }
    }
}

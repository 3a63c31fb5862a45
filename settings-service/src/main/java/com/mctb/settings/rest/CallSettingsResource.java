package com.mctb.settings.rest;

import com.mctb.settings.domain.CallTimeout;
import com.mctb.settings.persistence.CallSettings;
import com.mctb.settings.service.CallSettingsService;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Call & Voicemail Settings: how long a call rings before it counts as missed, and where it is forwarded. */
@Path("/api/accounts/{accountId}/call-settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CallSettingsResource {

    @Inject
    CallSettingsService service;

    @GET
    public CallSettingsResponse get(@PathParam("accountId") String accountId) {
        return response(service.accountDefaults(accountId));
    }

    @PUT
    public CallSettingsResponse save(@PathParam("accountId") String accountId,
            @Valid @NotNull(message = "a JSON body is required") CallSettingsRequest request) {
        return response(service.saveAccountDefaults(accountId, request.timeoutSeconds(), request.forwardTo()));
    }

    private static CallSettingsResponse response(CallSettings settings) {
        int timeout = settings.timeoutSeconds == null ? CallTimeout.SYSTEM_DEFAULT_SECONDS : settings.timeoutSeconds;
        return new CallSettingsResponse(timeout, settings.forwardTo == null ? List.of() : settings.forwardTo,
                CallTimeout.warning(timeout).stream().toList());
    }
}

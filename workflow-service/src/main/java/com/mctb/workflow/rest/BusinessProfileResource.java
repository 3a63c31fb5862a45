package com.mctb.workflow.rest;

import com.mctb.workflow.persistence.BusinessProfile;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * What this service knows of an account's Business Profile (its copy of settings.business), read-only: answers
 * "which name will the text carry, and is that copy current?" without reading settings-service's tables.
 */
@Path("/api/accounts/{accountId}/business-profile")
@Produces(MediaType.APPLICATION_JSON)
public class BusinessProfileResource {

    @GET
    public ProfileResponse get(@PathParam("accountId") String accountId) {
        BusinessProfile p = BusinessProfile.findById(accountId);
        if (p == null) {
            throw new NotFoundException("no Business Profile received for account " + accountId + " yet");
        }
        return new ProfileResponse(p.accountId, p.businessName, p.timeZone, p.numbers, p.defaultNumber,
                p.legacyTextBackEnabled, p.version);
    }

    public record ProfileResponse(String accountId, String businessName, String timeZone, List<String> numbers,
            String defaultNumber, boolean legacyTextBackEnabled, long version) {
    }
}

package com.mctb.workflow.rest;

import com.mctb.contracts.hours.BusinessHours;
import com.mctb.workflow.persistence.BusinessProfile;
import com.mctb.workflow.persistence.JsonDocuments;
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
    @jakarta.transaction.Transactional
    public ProfileResponse get(@PathParam("accountId") String accountId) {
        BusinessProfile p = BusinessProfile.findById(accountId);
        if (p == null) {
            throw new NotFoundException("no Business Profile received for account " + accountId + " yet");
        }
        return new ProfileResponse(p.accountId, p.businessName, p.timeZone, p.numbers, p.defaultNumber,
                JsonDocuments.hours(p.hours), p.legacyTextBackEnabled, p.version);
    }

    /** @param hours the opening hours; null when the account set none (always open) */
    public record ProfileResponse(String accountId, String businessName, String timeZone, List<String> numbers,
            String defaultNumber, BusinessHours hours, boolean legacyTextBackEnabled, long version) {
    }
}

package com.mctb.messaging.rest;

import com.mctb.kit.auth.Operators;
import com.mctb.kit.rest.Problems;
import com.mctb.messaging.domain.RecipientCountries;
import com.mctb.messaging.persistence.BusinessProfiles;
import com.mctb.messaging.persistence.RecipientCountryPlans;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The countries the account may text (a plan setting): by default the countries of its own numbers; an operator may
 * set a list. A text to another country is rejected (COUNTRY_NOT_ALLOWED) before Twilio is asked.
 */
@Path("/api/accounts/{accountId}/recipient-countries")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RecipientCountriesResource {

    @Inject
    RecipientCountryPlans plans;

    @Inject
    BusinessProfiles profiles;

    @Inject
    JsonWebToken token;

    @GET
    public CountriesResponse get(@PathParam("accountId") String accountId) {
        return response(accountId);
    }

    /** Sets the list ({@code "countries": null} or absent: back to the default). Operators only. */
    @PUT
    public Response put(@PathParam("accountId") String accountId, CountriesRequest request) {
        Optional<Response> refused = Operators.refuseUnlessOperator(token, "the countries an account may text");
        if (refused.isPresent()) {
            return refused.get();
        }
        List<String> countries = request == null ? null : request.countries();
        if (countries != null) {
            List<String> unknown = RecipientCountries.unknownCodes(countries);
            if (!unknown.isEmpty()) {
                return Problems.of(400, "Bad Request", "countries: " + unknown + " are not ISO 3166 country codes"
                        + " numbers can be in (e.g. \"US\", \"CA\")",
                        List.of(new Problems.FieldError("countries", "unknown country codes " + unknown)));
            }
            countries = countries.stream().map(c -> c.trim().toUpperCase(Locale.ROOT)).distinct().sorted().toList();
        }
        plans.set(accountId, countries);
        return Response.ok(response(accountId)).build();
    }

    private CountriesResponse response(String accountId) {
        RecipientCountries allowed = RecipientCountries.of(plans.of(accountId).orElse(null),
                profiles.numbers(accountId), null);
        return new CountriesResponse(accountId, allowed.countries().stream().sorted().toList(), allowed.source());
    }

    /** @param countries ISO 3166 alpha-2 codes; null: the default */
    public record CountriesRequest(List<String> countries) {
    }

    public record CountriesResponse(String accountId, List<String> countries, RecipientCountries.Source source) {
    }
}

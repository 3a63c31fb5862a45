package com.mctb.settings.rest;

import com.mctb.kit.rest.Problems;
import com.mctb.settings.domain.twilio.NumberSearch;
import com.mctb.settings.domain.AudioPurpose;
import com.mctb.settings.service.AccountService;
import com.mctb.settings.service.InvalidFieldsException;
import com.mctb.settings.service.NumberProvisioning;
import com.mctb.settings.twilio.TwilioApi;
import com.mctb.settings.service.CallSettingsService;
import com.mctb.settings.service.Level;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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

    @Inject
    NumberProvisioning provisioning;

    @Inject
    TwilioApi twilio;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The account's Twilio numbers, with each one's configuration at Twilio as last checked")
    public List<NumberResponse> numbers(@PathParam("accountId") String accountId) {
        return accounts.numbers(accountId).stream().map(NumberResponse::of).toList();
    }

    @GET
    @Path("available")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Searches the numbers Twilio offers (AvailablePhoneNumbers Local)",
            description = "country: two letters (default US); areaCode: three digits; contains: digits, letters, *"
                    + " for any digit. Twilio unreachable: 503.")
    public List<AvailableNumberResponse> available(@PathParam("accountId") String accountId,
            @QueryParam("country") String country, @QueryParam("areaCode") String areaCode,
            @QueryParam("contains") String contains) {
        accounts.get(accountId);
        NumberSearch search;
        try {
            search = NumberSearch.of(country, areaCode, contains);
        } catch (NumberSearch.Invalid e) {
            throw new InvalidFieldsException(e.errors().entrySet().stream()
                    .map(f -> new Problems.FieldError(f.getKey(), f.getValue())).toList());
        }
        return twilio.available(search, 20).stream().map(o -> new AvailableNumberResponse(o.phoneNumber(),
                o.friendlyName(), o.locality(), o.region(), o.country(),
                new AvailableNumberResponse.Capabilities(o.voice(), o.sms(), o.mms()))).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Adds a number: imported when the account's Twilio account holds it, else bought there;"
            + " configured at Twilio either way",
            description = "The account's subaccount is made first when it has no Twilio account. Another account's"
                    + " number: 409. Twilio refuses (e.g. 21422 not available): 422 naming the number and Twilio's"
                    + " code. Twilio unreachable: 503, and the number is not added.")
    public Response add(@PathParam("accountId") String accountId,
            @NotNull(message = "a JSON body is required") AddNumberRequest request) {
        if (request.phoneNumber() == null || request.phoneNumber().isBlank()) {
            throw new InvalidFieldsException("phoneNumber", "is required (E.164, e.g. +14155550101)");
        }
        String e164 = Ids.e164("phoneNumber", request.phoneNumber());
        String assignedUserId = request.assignedUserId() == null || request.assignedUserId().isBlank()
                ? null : request.assignedUserId();
        NumberResponse added = NumberResponse.of(provisioning.add(accountId, e164,
                Boolean.TRUE.equals(request.isDefault()), assignedUserId));
        return Response.created(URI.create("/api/accounts/" + accountId + "/numbers/" + e164)).entity(added).build();
    }

    @GET
    @Path("{number}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One of the account's numbers, its configuration checked at Twilio now",
            description = "When Twilio cannot be asked, the last check is answered (see twilio.checkedAt).")
    public NumberResponse number(@PathParam("accountId") String accountId, @PathParam("number") String number) {
        return NumberResponse.of(provisioning.check(accountId, Ids.e164("number", number)));
    }

    @PUT
    @Path("{number}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Updates one of the account's numbers: default sending number, assigned user",
            description = "The body may be left out. assignedUserId left out or null: the number is assigned to nobody."
                    + " A number the account does not have: 404 (add it with POST).")
    public NumberResponse save(@PathParam("accountId") String accountId, @PathParam("number") String number,
            NumberRequest request) {
        boolean makeDefault = request != null && Boolean.TRUE.equals(request.isDefault());
        String assignedUserId = request == null || request.assignedUserId() == null || request.assignedUserId().isBlank()
                ? null : request.assignedUserId();
        return NumberResponse.of(accounts.updateNumber(accountId, Ids.e164("number", number), makeDefault,
                assignedUserId));
    }

    @POST
    @Path("{number}/configure")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Re-applies the number's configuration at Twilio (VoiceUrl, StatusCallback, SmsUrl)")
    public NumberResponse configure(@PathParam("accountId") String accountId, @PathParam("number") String number) {
        return NumberResponse.of(provisioning.configure(accountId, Ids.e164("number", number)));
    }

    @DELETE
    @Path("{number}")
    @Operation(summary = "Removes a number with its settings and greeting; with release=true releases it at Twilio too",
            description = "204 when done; 202 when it left the product but Twilio did not answer the release (it is"
                    + " retried until Twilio does).")
    public Response remove(@PathParam("accountId") String accountId, @PathParam("number") String number,
            @QueryParam("release") boolean release) {
        String e164 = Ids.e164("number", number);
        if (provisioning.remove(accountId, e164, release)) {
            return Response.noContent().build();
        }
        return Response.accepted(java.util.Map.of("number", e164, "removed", true, "released", false,
                "detail", "removed from the product; Twilio did not answer the release, which is retried")).build();
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

    @PUT
    @Path("{number}/call-settings/consent-audio")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Uploads this number's recording consent announcement (MP3 or WAV, at most 10 MB and 3 minutes)",
            description = "Played to this number's callers before a recorded call is bridged, instead of the consent "
                    + "text. Checked by content with the greeting's rules, but a file that is not usable audio is a "
                    + "400 naming `file` (a greeting's refusals are 415/422). Nothing is stored when it is refused.")
    @RequestBody(description = "multipart/form-data with the audio in a part named 'file'")
    @APIResponse(responseCode = "200", description = "replaced this number's consent audio (a new public URL)")
    @APIResponse(responseCode = "201", description = "stored; published as recording.consentAudioUrl")
    @APIResponse(responseCode = "400", description = GreetingEndpoints.CONSENT_NOT_USABLE)
    @APIResponse(responseCode = "413", description = GreetingEndpoints.CONSENT_TOO_LARGE)
    public Response uploadConsentAudio(@PathParam("accountId") String accountId, @PathParam("number") String number,
            @RestForm("file") FileUpload file) {
        return greetings.upload(accountId, Level.number(Ids.e164("number", number)), AudioPurpose.CONSENT, file);
    }

    @GET
    @Path("{number}/call-settings/consent-audio")
    @Operation(summary = "Plays this number's consent audio (Range requests supported)")
    public Response previewConsentAudio(@PathParam("accountId") String accountId, @PathParam("number") String number,
            @HeaderParam("Range") String range, @HeaderParam("If-Range") String ifRange,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        return greetings.preview(accountId, Level.number(Ids.e164("number", number)), AudioPurpose.CONSENT, range,
                ifRange, ifNoneMatch);
    }

    @DELETE
    @Path("{number}/call-settings/consent-audio")
    @Operation(summary = "Removes this number's consent audio: the account's applies, or the consent text is spoken")
    public Response removeConsentAudio(@PathParam("accountId") String accountId, @PathParam("number") String number) {
        return greetings.remove(accountId, Level.number(Ids.e164("number", number)), AudioPurpose.CONSENT);
    }
}

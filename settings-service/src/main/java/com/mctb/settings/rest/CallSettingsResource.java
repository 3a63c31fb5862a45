package com.mctb.settings.rest;

import com.mctb.settings.domain.AudioPurpose;
import com.mctb.settings.domain.CallTimeout;
import com.mctb.settings.domain.EffectiveCallSettings;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Call & Voicemail Settings at the account level (the defaults every number and user inherits), the resolved
 * settings of a call, and the account's default greeting.
 */
@Path("/api/accounts/{accountId}/call-settings")
@Tag(name = "Call & voicemail settings")
public class CallSettingsResource {

    @Inject
    CallSettingsService service;

    @Inject
    GreetingEndpoints greetings;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The account's call & voicemail defaults (null: not set, the system default applies)")
    public CallSettingsResponse get(@PathParam("accountId") String accountId) {
        return CallSettingsViews.level(service, greetings, accountId, Level.account());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replaces the account's defaults; timeoutSeconds is required here",
            description = "A timeout above 20 seconds is accepted with a warning: the forwarded phone's own voicemail "
                    + "may answer first, and then the caller is never texted.")
    public CallSettingsResponse save(@PathParam("accountId") String accountId,
            @Valid @NotNull(message = "a JSON body is required") CallSettingsRequest request) {
        return CallSettingsViews.save(service, greetings, accountId, Level.account(), request);
    }

    @GET
    @Path("effective")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "What applies to a call: each field's value and the level it came from",
            description = "Precedence per field: number > user > account > system. Without `user`, the number's "
                    + "assigned user takes part.")
    public EffectiveCallSettingsResponse effective(@PathParam("accountId") String accountId,
            @Parameter(description = "One of the account's numbers, E.164 (encode '+' as %2B)") @QueryParam("number") String number,
            @Parameter(description = "One of the account's users") @QueryParam("user") String user) {
        String e164 = number == null || number.isBlank() ? null : Ids.e164("number", number);
        String userId = user == null || user.isBlank() ? null : user;
        CallSettingsService.Effective effective = service.effective(accountId, e164, userId);
        EffectiveCallSettings s = effective.settings();
        Level greetingLevel = GreetingEndpoints.levelOf(s.greeting().source(), effective.number(), effective.userId());
        return new EffectiveCallSettingsResponse(effective.number(), effective.userId(),
                field(s.timeoutSeconds()), field(s.forwardTo()), field(s.callerId()), field(s.answerOnBridge()),
                field(s.humanAnswerConfirmation()),
                new EffectiveCallSettingsResponse.Field<>(
                        greetings.view(accountId, greetingLevel, s.greeting().value()), s.greeting().source().name()),
                field(s.ringPattern()), field(s.recordCalls()), field(s.consentText()),
                field(s.recordingRetentionDays()),
                new EffectiveCallSettingsResponse.Field<>(greetings.view(accountId,
                        GreetingEndpoints.levelOf(s.consentAudio().source(), effective.number(), effective.userId()),
                        AudioPurpose.CONSENT, s.consentAudio().value()), s.consentAudio().source().name()),
                s.ringPattern().value().ringingSeconds(s.timeoutSeconds().value()),
                CallTimeout.warning(s.timeoutSeconds().value()).stream().toList());
    }

    @PUT
    @Path("greeting")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Uploads the account's default voicemail greeting (MP3 or WAV, at most 10 MB and 3 minutes)",
            description = "Checked by content. Replaces the current one atomically: its public URL changes.")
    @RequestBody(description = "multipart/form-data with the audio in a part named 'file'")
    @APIResponse(responseCode = "201", description = "stored; the duration is read from the file")
    @APIResponse(responseCode = "413", description = "larger than 10 MB")
    @APIResponse(responseCode = "415", description = "neither MP3 nor PCM WAV")
    @APIResponse(responseCode = "422", description = "longer than 3 minutes, truncated, or silent")
    public Response uploadGreeting(@PathParam("accountId") String accountId, @RestForm("file") FileUpload file) {
        return greetings.upload(accountId, Level.account(), file);
    }

    @GET
    @Path("greeting")
    @Operation(summary = "Plays the account's greeting (Range requests supported)")
    public Response previewGreeting(@PathParam("accountId") String accountId, @HeaderParam("Range") String range,
            @HeaderParam("If-Range") String ifRange, @HeaderParam("If-None-Match") String ifNoneMatch) {
        return greetings.preview(accountId, Level.account(), range, ifRange, ifNoneMatch);
    }

    @DELETE
    @Path("greeting")
    @Operation(summary = "Removes the account's greeting: calls fall back to the spoken default")
    public Response removeGreeting(@PathParam("accountId") String accountId) {
        return greetings.remove(accountId, Level.account());
    }

    @PUT
    @Path("consent-audio")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Uploads the account's recording consent announcement (MP3 or WAV, at most 10 MB and 3 minutes)",
            description = "Played to the caller before a recorded call is bridged, instead of the consent text. "
                    + "Checked by content with the greeting's rules, but a file that is not usable audio is a 400 "
                    + "naming `file` (a greeting's refusals are 415/422). Nothing is stored when it is refused.")
    @RequestBody(description = "multipart/form-data with the audio in a part named 'file'")
    @APIResponse(responseCode = "200", description = "replaced the account's consent audio (a new public URL)")
    @APIResponse(responseCode = "201", description = "stored; published as recording.consentAudioUrl")
    @APIResponse(responseCode = "400", description = GreetingEndpoints.CONSENT_NOT_USABLE)
    @APIResponse(responseCode = "413", description = GreetingEndpoints.CONSENT_TOO_LARGE)
    public Response uploadConsentAudio(@PathParam("accountId") String accountId, @RestForm("file") FileUpload file) {
        return greetings.upload(accountId, Level.account(), AudioPurpose.CONSENT, file);
    }

    @GET
    @Path("consent-audio")
    @Operation(summary = "Plays the account's consent audio (Range requests supported)")
    public Response previewConsentAudio(@PathParam("accountId") String accountId, @HeaderParam("Range") String range,
            @HeaderParam("If-Range") String ifRange, @HeaderParam("If-None-Match") String ifNoneMatch) {
        return greetings.preview(accountId, Level.account(), AudioPurpose.CONSENT, range, ifRange, ifNoneMatch);
    }

    @DELETE
    @Path("consent-audio")
    @Operation(summary = "Removes the account's consent audio: the consent text is spoken instead")
    public Response removeConsentAudio(@PathParam("accountId") String accountId) {
        return greetings.remove(accountId, Level.account(), AudioPurpose.CONSENT);
    }

    private static <T> EffectiveCallSettingsResponse.Field<T> field(EffectiveCallSettings.Resolved<T> resolved) {
        return new EffectiveCallSettingsResponse.Field<>(resolved.value(), resolved.source().name());
    }
}

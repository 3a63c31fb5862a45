package com.mctb.gateway.rest;

import com.mctb.contracts.phone.PhoneNumbers;
import com.mctb.gateway.config.GatewayConfig;
import com.mctb.gateway.recordings.CallRecordings;
import com.mctb.kit.rest.Problems;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An account's recorded calls (numbers that record answered calls): {@code GET /api/accounts/{accountId}/recordings
 * ?contact=+1…} lists a contact's, newest first; {@code …/recordings/{RE…}/audio} plays one through this endpoint
 * (never Twilio's URL), scoped to the account exactly as a voicemail's audio is ({@link VoicemailAudioResource}: the
 * account's token, another account's refused by service-kit's {@code AccountAccessFilter}, another account's
 * recording 404).
 */
@Path("/api/accounts/{accountId}/recordings")
public class RecordingsResource {

    private static final Pattern RECORDING_SID = Pattern.compile("^RE[0-9a-fA-F]{32}$");

    @Inject
    CallRecordings recordings;

    @Inject
    RecordingAudio audio;

    @Inject
    GatewayConfig config;

    /**
     * Who answered a recorded call: the number the caller was connected to (a target's, as Twilio dialled it) and,
     * when it is a team member's mobile, the member's user id; null fields while it is not known.
     */
    public record AnsweredBy(String number, String userId) {
    }

    /** One recorded call. {@code audioUrl} is this service's, for the account's token. */
    public record RecordingResponse(String recordingSid, String callSid, java.time.Instant startedAt,
            Integer durationSeconds, AnsweredBy answeredBy, String audioUrl) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@PathParam("accountId") String accountId, @QueryParam("contact") String contact) {
        if (contact == null || contact.isBlank()) {
            return Problems.of(Response.Status.BAD_REQUEST, "contact is required: the caller's number, e.g. +15551230001");
        }
        // A '+' sent unencoded in a query arrives as a space.
        String raw = contact.strip();
        Optional<String> e164 = PhoneNumbers.toE164(raw.startsWith("+") || !raw.matches("\\d{11,15}") ? raw : "+" + raw,
                config.defaultRegion());
        if (e164.isEmpty()) {
            return Problems.of(Response.Status.BAD_REQUEST, "contact '" + contact + "' is not a phone number");
        }
        List<RecordingResponse> found = recordings.ofContact(accountId, e164.get()).stream()
                .map(r -> new RecordingResponse(r.recordingSid(), r.callSid(), r.startedAt(), r.durationSeconds(),
                        new AnsweredBy(r.answeredByNumber(), r.answeredByUserId()),
                        "/api/accounts/" + accountId + "/recordings/" + r.recordingSid() + "/audio"))
                .toList();
        return Response.ok(found, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("{recordingSid}/audio")
    public Response audio(@PathParam("accountId") String accountId, @PathParam("recordingSid") String recordingSid,
            @HeaderParam("Range") String range, @HeaderParam("If-Range") String ifRange) {
        if (!RECORDING_SID.matcher(recordingSid).matches()) {
            return Problems.of(Response.Status.NOT_FOUND, "no recording " + recordingSid);
        }
        Optional<CallRecordings.CallRecording> recording = recordings.find(recordingSid)
                .filter(r -> accountId.equals(r.accountId()) && r.twilioAccountSid() != null);
        if (recording.isEmpty()) {
            return Problems.of(Response.Status.NOT_FOUND, "no recording " + recordingSid + " in account " + accountId);
        }
        return audio.serve(recording.get().twilioAccountSid(), recordingSid, range, ifRange, "recording");
    }
}

package com.mctb.gateway.rest;

import com.mctb.contracts.http.ByteRange;
import com.mctb.gateway.calls.VoicemailReporter;
import com.mctb.gateway.twilio.RecordingMedia;
import com.mctb.kit.kafka.Failures;
import com.mctb.kit.rest.Problems;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * A voicemail's audio for its account's conversation: {@code GET /api/accounts/{accountId}/voicemails/{RE…}/audio}
 * (the account's token; another account's is refused by service-kit's {@code AccountAccessFilter} before anything
 * is read, and a recording of another account is 404 here). Fetched from Twilio with the credentials of the Twilio
 * account that holds it ({@link RecordingMedia}): the browser never gets them or Twilio's URL. HTTP Range, so an
 * {@code <audio>} element can seek. A recording Twilio no longer has is 410, and nothing else of the conversation is
 * affected.
 */
@Path("/api/accounts/{accountId}/voicemails/{recordingSid}/audio")
public class VoicemailAudioResource {

    private static final Logger LOG = Logger.getLogger(VoicemailAudioResource.class);
    private static final Pattern RECORDING_SID = Pattern.compile("^RE[0-9a-fA-F]{32}$");

    @Inject
    VoicemailReporter voicemails;

    @Inject
    RecordingMedia media;

    @GET
    public Response audio(@PathParam("accountId") String accountId, @PathParam("recordingSid") String recordingSid,
            @HeaderParam("Range") String range, @HeaderParam("If-Range") String ifRange) {
        if (!RECORDING_SID.matcher(recordingSid).matches()) {
            return Problems.of(Response.Status.NOT_FOUND, "no voicemail " + recordingSid);
        }
        Optional<VoicemailReporter.Voicemail> voicemail = voicemails.find(recordingSid)
                .filter(v -> accountId.equals(v.accountId()) && v.twilioAccountSid() != null);
        if (voicemail.isEmpty()) {
            return Problems.of(Response.Status.NOT_FOUND, "no voicemail " + recordingSid + " in account " + accountId);
        }
        RecordingMedia.Fetched fetched;
        try {
            fetched = media.fetch(voicemail.get().twilioAccountSid(), recordingSid);
        } catch (RuntimeException e) {
            LOG.warnf("voicemail %s: Twilio could not be asked (%s)", recordingSid, Failures.describe(e));
            return Response.fromResponse(Problems.of(Response.Status.SERVICE_UNAVAILABLE,
                    "Twilio could not be reached for this recording; try again")).header("Retry-After", "5").build();
        }
        if (fetched instanceof RecordingMedia.Fetched.Gone) {
            LOG.warnf("voicemail %s: Twilio no longer has the recording", recordingSid);
            return Problems.of(Response.Status.GONE, "Twilio no longer has the recording " + recordingSid
                    + " (deleted, or past the account's retention); the rest of the conversation is unchanged");
        }
        if (fetched instanceof RecordingMedia.Fetched.Refused refused) {
            return Problems.of(Response.Status.BAD_GATEWAY, "Twilio refused to give the recording (HTTP "
                    + refused.status() + ")");
        }
        byte[] wav = ((RecordingMedia.Fetched.Audio) fetched).wav();
        String etag = "\"" + recordingSid + "\"";
        ByteRange asked = ifRange != null && !ifRange.trim().equals(etag) ? new ByteRange.Whole()
                : ByteRange.of(range, wav.length);
        if (asked instanceof ByteRange.Unsatisfiable none) {
            return Response.fromResponse(Problems.of(Response.Status.REQUESTED_RANGE_NOT_SATISFIABLE,
                            "the range '" + range + "' is outside the recording, which is " + wav.length + " bytes"))
                    .header("Content-Range", none.contentRange(wav.length)).header("Accept-Ranges", "bytes").build();
        }
        Response.ResponseBuilder response;
        if (asked instanceof ByteRange.Part part) {
            byte[] bytes = java.util.Arrays.copyOfRange(wav, (int) part.first(), (int) part.last() + 1);
            response = Response.status(Response.Status.PARTIAL_CONTENT).entity(bytes)
                    .header("Content-Range", part.contentRange(wav.length));
        } else {
            response = Response.ok(wav);
        }
        return response.type("audio/wav")
                .header("Accept-Ranges", "bytes")
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=3600")
                .header("Content-Disposition", "inline; filename=\"voicemail-" + recordingSid + ".wav\"")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }
}

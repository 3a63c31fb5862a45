package com.mctb.gateway.rest;

import com.mctb.contracts.http.ByteRange;
import com.mctb.gateway.twilio.RecordingMedia;
import com.mctb.kit.kafka.Failures;
import com.mctb.kit.rest.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

/**
 * A recording's audio as our authenticated endpoints serve it (a voicemail, a recorded call), once the endpoint has
 * found it in the asking account: fetched from Twilio with the credentials of the Twilio account that holds it
 * ({@link RecordingMedia}), never Twilio's URL; HTTP Range, so an {@code <audio>} element can seek; 410 for a
 * recording Twilio no longer has, 503 when Twilio cannot be reached.
 */
@ApplicationScoped
public class RecordingAudio {

    private static final Logger LOG = Logger.getLogger(RecordingAudio.class);

    @Inject
    RecordingMedia media;

    /**
     * @param what the recording's kind in messages and the file name ("voicemail", "recording")
     */
    public Response serve(String twilioAccountSid, String recordingSid, String range, String ifRange, String what) {
        RecordingMedia.Fetched fetched;
        try {
            fetched = media.fetch(twilioAccountSid, recordingSid);
        } catch (RuntimeException e) {
            LOG.warnf("%s %s: Twilio could not be asked (%s)", what, recordingSid, Failures.describe(e));
            return Response.fromResponse(Problems.of(Response.Status.SERVICE_UNAVAILABLE,
                    "Twilio could not be reached for this recording; try again")).header("Retry-After", "5").build();
        }
        if (fetched instanceof RecordingMedia.Fetched.Gone) {
            LOG.warnf("%s %s: Twilio no longer has the recording", what, recordingSid);
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
                .header("Content-Disposition", "inline; filename=\"" + what + "-" + recordingSid + ".wav\"")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }
}

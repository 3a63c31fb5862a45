package com.mctb.gateway.rest;

import com.mctb.gateway.calls.VoicemailReporter;
import com.mctb.kit.rest.Problems;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A voicemail's audio for its account's conversation: {@code GET /api/accounts/{accountId}/voicemails/{RE…}/audio}
 * (the account's token; another account's is refused by service-kit's {@code AccountAccessFilter} before anything
 * is read, and a recording of another account is 404 here). Fetched from Twilio with the credentials of the Twilio
 * account that holds it ({@link RecordingAudio}): the browser never gets them or Twilio's URL. HTTP Range, so an
 * {@code <audio>} element can seek. A recording Twilio no longer has is 410, and nothing else of the conversation is
 * affected.
 */
@Path("/api/accounts/{accountId}/voicemails/{recordingSid}/audio")
public class VoicemailAudioResource {

    private static final Pattern RECORDING_SID = Pattern.compile("^RE[0-9a-fA-F]{32}$");

    @Inject
    VoicemailReporter voicemails;

    @Inject
    RecordingAudio audio;

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
        return audio.serve(voicemail.get().twilioAccountSid(), recordingSid, range, ifRange, "voicemail");
    }
}

package com.mctb.gateway.twilio;

import com.mctb.gateway.config.GatewayConfig;
import com.mctb.kit.twilio.TwilioAccounts;
import com.mctb.kit.twilio.TwilioApiHttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.Domains;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A voicemail's audio, fetched from Twilio's Recordings resource ({@code GET …/Recordings/{Sid}.wav}) through the
 * Twilio SDK's REST client, with the credentials of the Twilio account that holds the recording: the media URL needs
 * them, so the browser gets neither them nor Twilio's URL. Recordings are short (at most the voicemail's length), so
 * each is fetched whole once and kept in a small in-memory cache; an {@code <audio>} element's range requests are
 * then answered from it.
 */
@ApplicationScoped
public class RecordingMedia {

    private static final Logger LOG = Logger.getLogger(RecordingMedia.class);

    /** What Twilio answered. */
    public sealed interface Fetched {
        record Audio(byte[] wav) implements Fetched {
        }

        /** Twilio no longer has it (deleted, or past the account's retention). */
        record Gone() implements Fetched {
        }

        /** Twilio refused our credentials, or answered something else. */
        record Refused(int status) implements Fetched {
        }
    }

    @Inject
    GatewayConfig config;

    @Inject
    TwilioAccounts accounts;

    private final Map<String, byte[]> cache = new LinkedHashMap<>(16, 0.75f, true);
    private long cachedBytes;

    /**
     * @throws java.io.UncheckedIOException when Twilio cannot be reached (the caller answers 503: try again)
     */
    public Fetched fetch(String twilioAccountSid, String recordingSid) {
        byte[] cached = cached(recordingSid);
        if (cached != null) {
            return new Fetched.Audio(cached);
        }
        Optional<String> token = tokenFor(twilioAccountSid);
        if (token.isEmpty()) {
            LOG.warnf("recording %s: no auth token for Twilio account %s", recordingSid, twilioAccountSid);
            return new Fetched.Refused(401);
        }
        TwilioRestClient client = new TwilioRestClient.Builder(twilioAccountSid, token.get())
                .httpClient(new TwilioApiHttpClient(config.twilioApiBaseUrl())).build();
        Request request = new Request(HttpMethod.GET, Domains.API.toString(),
                "/2010-04-01/Accounts/" + twilioAccountSid + "/Recordings/" + recordingSid + ".wav");
        Response response = client.request(request);
        int status = response.getStatusCode();
        if (status == 404) {
            return new Fetched.Gone();
        }
        if (status != 200) {
            LOG.warnf("recording %s: Twilio answered HTTP %d", recordingSid, status);
            return new Fetched.Refused(status);
        }
        try (InputStream in = response.getStream()) {
            byte[] wav = in.readAllBytes();
            remember(recordingSid, wav);
            return new Fetched.Audio(wav);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What became of a deletion at Twilio. */
    public enum Deleted {
        /** Twilio deleted it (204). */
        DELETED,
        /** Twilio did not have it (404): deleted before. */
        ALREADY_GONE,
        /** Twilio refused (credentials, or another error): kept, tried again later. */
        REFUSED
    }

    /**
     * Deletes the recording at Twilio ({@code DELETE …/Recordings/{Sid}.json} through the SDK's
     * {@code Recording.deleter}) with the credentials of the Twilio account that holds it, and forgets its audio.
     *
     * @throws com.twilio.exception.ApiConnectionException when Twilio cannot be reached
     */
    public Deleted delete(String twilioAccountSid, String recordingSid) {
        forget(recordingSid);
        Optional<String> token = tokenFor(twilioAccountSid);
        if (token.isEmpty()) {
            LOG.warnf("recording %s: no auth token for Twilio account %s; not deleted", recordingSid, twilioAccountSid);
            return Deleted.REFUSED;
        }
        TwilioRestClient client = new TwilioRestClient.Builder(twilioAccountSid, token.get())
                .httpClient(new TwilioApiHttpClient(config.twilioApiBaseUrl())).build();
        try {
            return com.twilio.rest.api.v2010.account.Recording.deleter(twilioAccountSid, recordingSid).delete(client)
                    ? Deleted.DELETED : Deleted.REFUSED;
        } catch (com.twilio.exception.ApiException e) {
            if (Integer.valueOf(404).equals(e.getStatusCode())) {
                return Deleted.ALREADY_GONE;
            }
            LOG.warnf("recording %s: Twilio refused the deletion (HTTP %s, %s)", recordingSid, e.getStatusCode(),
                    e.getMessage());
            return Deleted.REFUSED;
        }
    }

    private synchronized void forget(String recordingSid) {
        byte[] wav = cache.remove(recordingSid);
        if (wav != null) {
            cachedBytes -= wav.length;
        }
    }

    /** The holder's token: the main account's, a configured one, or a subaccount's fetched from Twilio. */
    private Optional<String> tokenFor(String twilioAccountSid) {
        return twilioAccountSid == null ? accounts.configuredToken(null) : accounts.authToken(twilioAccountSid);
    }

    private synchronized byte[] cached(String recordingSid) {
        return cache.get(recordingSid);
    }

    private synchronized void remember(String recordingSid, byte[] wav) {
        long limit = config.recordingCacheMegabytes() * 1024L * 1024L;
        if (wav.length > limit) {
            return;
        }
        cache.put(recordingSid, wav);
        cachedBytes += wav.length;
        var eldest = cache.entrySet().iterator();
        while (cachedBytes > limit && eldest.hasNext()) {
            cachedBytes -= eldest.next().getValue().length;
            eldest.remove();
        }
    }
}

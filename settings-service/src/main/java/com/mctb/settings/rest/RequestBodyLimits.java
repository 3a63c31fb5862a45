package com.mctb.settings.rest;

import com.mctb.settings.domain.AudioPurpose;
import com.mctb.settings.domain.audio.AudioRefusal;
import com.mctb.settings.domain.audio.GreetingAudio;
import com.mctb.settings.service.GreetingService;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Body limits per path, checked on the declared Content-Length before any byte of the body is read: an audio upload
 * (a greeting or a consent audio) may carry 10 MB of audio plus its multipart envelope, every other request at most
 * 1 MB of JSON. Quarkus's own limit ({@code quarkus.http.limits.max-body-size}, set above ours: it is checked first)
 * is a single number for every path and answers 413 with no reason; this answers problem+json that says why, then
 * reads and drops what the client still sends (up to that global limit) so the client gets to read the answer
 * instead of a reset connection.
 */
@ApplicationScoped
public class RequestBodyLimits {

    /** The audio limit plus room for the multipart boundaries and part headers. */
    static final long AUDIO_UPLOAD_MAX_BODY = GreetingAudio.MAX_BYTES + 64 * 1024;
    static final long OTHER_MAX_BODY = 1024 * 1024;
    /** After answering, at most this much more is read and dropped before the connection is closed. */
    static final long MAX_DRAINED = 32L * 1024 * 1024;

    @Inject
    GreetingService greetings;

    void install(@Observes Router router) {
        // Before the REST layer reads the body.
        router.route().order(-100).handler(this::check);
    }

    void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            context.next();
            return;
        }
        long length;
        try {
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            context.next();
            return;
        }
        AudioPurpose upload = request.method() == HttpMethod.PUT ? audioUpload(context.normalizedPath()) : null;
        long limit = upload != null ? AUDIO_UPLOAD_MAX_BODY : OTHER_MAX_BODY;
        if (length <= limit) {
            context.next();
            return;
        }
        String detail = upload == AudioPurpose.CONSENT
                ? "consent audio refused: the upload is " + megabytes(length) + "; a consent audio may be at most 10 MB"
                : upload == AudioPurpose.GREETING
                        ? "greeting refused: the upload is " + megabytes(length) + "; a greeting may be at most 10 MB"
                        : "the request body is " + megabytes(length) + "; at most 1 MB is accepted here";
        if (upload != null) {
            greetings.refused(AudioRefusal.TOO_LARGE);
        }
        JsonObject problem = new JsonObject()
                .put("type", "about:blank")
                .put("title", "Content Too Large")
                .put("status", 413)
                .put("detail", detail);
        if (upload != null) {
            problem.put("errors", new io.vertx.core.json.JsonArray().add(new JsonObject()
                    .put("field", "file").put("message", "at most 10 MB is accepted")));
        }
        if (!request.isEnded()) {
            AtomicLong drained = new AtomicLong();
            request.handler(chunk -> {
                if (drained.addAndGet(chunk.length()) > MAX_DRAINED) {
                    request.connection().close();
                }
            });
            request.resume();
        }
        context.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .end(problem.encode());
    }

    /** What a PUT to {@code path} uploads: a greeting, a consent audio (any level), or null for anything else. */
    static AudioPurpose audioUpload(String path) {
        for (AudioPurpose purpose : AudioPurpose.values()) {
            if (path.endsWith("/call-settings/" + purpose.path())) {
                return purpose;
            }
        }
        return null;
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}

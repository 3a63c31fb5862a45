package com.mctb.settings.rest;

import com.mctb.kit.rest.Problems;
import com.mctb.contracts.http.ByteRange;
import com.mctb.settings.persistence.Greeting;
import com.mctb.settings.service.GreetingService;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Serves a greeting's audio the way an {@code <audio>} element and Twilio expect: its real content type,
 * {@code Accept-Ranges: bytes}, 206 with {@code Content-Range} for a range, 416 for a range past the end, an ETag.
 */
final class AudioResponses {

    private AudioResponses() {
    }

    /**
     * @param greeting reads the greeting's metadata (throws 404 when there is none); read again if the greeting is
     *                 replaced while its bytes are being read
     */
    static Response serve(Supplier<Greeting> greeting, GreetingService greetings, String range, String ifRange,
            String ifNoneMatch, String cacheControl) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Greeting g = greeting.get();
            String etag = "\"" + g.sha256.substring(0, 32) + "\"";
            if (ifNoneMatch != null && ifNoneMatch.contains(etag)) {
                return Response.notModified().header(HttpHeaders.ETAG, etag).header("Accept-Ranges", "bytes").build();
            }
            // If-Range with another validator (or a date): the client's copy is stale, so it gets everything.
            ByteRange asked = ifRange != null && !ifRange.trim().equals(etag) ? new ByteRange.Whole()
                    : ByteRange.of(range, g.sizeBytes);
            if (asked instanceof ByteRange.Unsatisfiable none) {
                Response problem = Problems.of(Response.Status.REQUESTED_RANGE_NOT_SATISFIABLE,
                        "the range '" + range + "' is outside the greeting, which is " + g.sizeBytes + " bytes");
                return Response.fromResponse(problem).header("Content-Range", none.contentRange(g.sizeBytes))
                        .header("Accept-Ranges", "bytes").build();
            }
            long first = asked instanceof ByteRange.Part p ? p.first() : 0;
            long length = asked instanceof ByteRange.Part p ? p.length() : g.sizeBytes;
            Optional<byte[]> bytes = greetings.read(g, first, length);
            if (bytes.isEmpty()) {
                continue; // replaced or removed in between: read the current one
            }
            Response.ResponseBuilder response = asked instanceof ByteRange.Part p
                    ? Response.status(Response.Status.PARTIAL_CONTENT).header("Content-Range", p.contentRange(g.sizeBytes))
                    : Response.ok();
            return response.entity(bytes.get())
                    .type(g.format.contentType())
                    .header("Accept-Ranges", "bytes")
                    .header(HttpHeaders.ETAG, etag)
                    .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                    .header("Content-Disposition", "inline; filename=\"greeting." + g.format.extension() + "\"")
                    .header("X-Content-Type-Options", "nosniff")
                    .build();
        }
        return Problems.of(Response.Status.SERVICE_UNAVAILABLE, "the greeting is being replaced; try again");
    }
}

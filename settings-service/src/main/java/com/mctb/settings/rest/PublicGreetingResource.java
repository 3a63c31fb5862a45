package com.mctb.settings.rest;

import com.mctb.settings.persistence.Greeting;
import com.mctb.settings.service.GreetingService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Greetings as Twilio fetches them for {@code <Play>}: no credential (Twilio has none of ours), so the name is the
 * secret, 128 random bits, replaced with every upload. Outside /api on purpose.
 */
@Path("/public/greetings")
@Tag(name = "Public greetings")
public class PublicGreetingResource {

    @Inject
    GreetingService greetings;

    @GET
    @Path("{token: [A-Za-z0-9_-]+}.{extension: mp3|wav}")
    @Operation(summary = "A greeting's audio by its public name (what CallSettingsChanged.greetingUrl points at)")
    public Response greeting(@PathParam("token") String token, @PathParam("extension") String extension,
            @HeaderParam("Range") String range, @HeaderParam("If-Range") String ifRange,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        // The content under a name never changes (a new upload gets a new name), so caches may keep it.
        return AudioResponses.serve(() -> find(token, extension), greetings, range, ifRange, ifNoneMatch,
                "public, max-age=86400");
    }

    private Greeting find(String token, String extension) {
        return greetings.byPublicToken(token)
                .filter(g -> g.format.extension().equals(extension))
                .orElseThrow(() -> new NotFoundException("no greeting here"));
    }
}

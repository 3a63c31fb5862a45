package com.mctb.messaging.rest;

import com.mctb.contracts.sms.SmsSegments;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** How a text would be billed, for the composer and the workflow preview: any valid token may ask. */
@Path("/api/messages/segments")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SegmentsResource {

    @POST
    public SegmentsResponse count(@Valid @NotNull(message = "a JSON body with \"body\" is required") SegmentsRequest request) {
        SmsSegments.Count count = SmsSegments.count(request.body());
        return new SegmentsResponse(count.encoding().label(), count.segments(), count.characters());
    }

    public record SegmentsRequest(@NotNull(message = "is required") String body) {
    }

    public record SegmentsResponse(String encoding, int segments, int characters) {
    }
}

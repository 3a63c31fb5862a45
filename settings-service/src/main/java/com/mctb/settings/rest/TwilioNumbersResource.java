package com.mctb.settings.rest;

import com.mctb.settings.service.NumberProvisioning;
import com.mctb.settings.service.Operators;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The platform's operators' commands over every account's numbers. */
@Path("/api/twilio/numbers")
@Tag(name = "Twilio account")
public class TwilioNumbersResource {

    @Inject
    NumberProvisioning provisioning;

    @Inject
    Operators operators;

    @POST
    @Path("configure")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Operator only: re-applies every number's Twilio configuration (VoiceUrl, StatusCallback,"
            + " SmsUrl) from the current public base URLs")
    public ConfigureAllResponse configureAll() {
        operators.require("re-configuring every number at Twilio");
        List<String> configured = new ArrayList<>();
        List<NumberProvisioning.Failure> failed = provisioning.configureAll(configured);
        return new ConfigureAllResponse(configured.size(), failed);
    }
}

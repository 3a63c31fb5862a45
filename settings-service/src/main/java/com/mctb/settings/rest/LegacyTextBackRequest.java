package com.mctb.settings.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The Business Profile's legacy "Missed Call Text Back" toggle and the text it sends. */
public record LegacyTextBackRequest(
        @Schema(description = "On: every missed call is texted the message at once") @NotNull(message = "is required") Boolean enabled,
        @Schema(description = "The text; required when enabled",
                examples = "Sorry we missed your call! How can we help?")
        @Size(max = 1600, message = "must be at most 1600 characters") String message) {
}

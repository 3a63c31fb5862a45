package com.mctb.settings.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The Business Profile's name and time zone. */
public record AccountRequest(
        @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters") String businessName,
        @NotBlank(message = "is required") @TimeZoneId String timeZone) {
}

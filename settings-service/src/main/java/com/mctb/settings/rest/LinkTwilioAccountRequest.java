package com.mctb.settings.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An existing Twilio account to tie an account to (the platform's credentials must be able to fetch it). */
public record LinkTwilioAccountRequest(
        @Schema(description = "Twilio AccountSid", required = true, example = "AC0123456789abcdef0123456789abcdef")
        String accountSid) {
}

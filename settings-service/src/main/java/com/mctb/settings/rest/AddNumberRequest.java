package com.mctb.settings.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A number to add: imported when the account's Twilio account holds it, else bought.
 *
 * @param phoneNumber    E.164, e.g. from GET …/numbers/available
 * @param isDefault      texts are sent from it by default (the first number added is the default)
 * @param assignedUserId the user whose call settings apply to calls to it; left out or null: none
 */
public record AddNumberRequest(
        @Schema(description = "The number in E.164", required = true, example = "+14155550101") String phoneNumber,
        @Schema(description = "Texts are sent from this number by default") Boolean isDefault,
        @Schema(description = "User whose call settings apply to this number; null: none") String assignedUserId) {
}

package com.mctb.settings.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Optional body when adding or updating a number.
 *
 * @param isDefault      texts are sent from it by default (the first number added is the default)
 * @param assignedUserId the user whose call settings apply to calls to it; left out or null: none
 */
public record NumberRequest(
        @Schema(description = "Texts are sent from this number by default") Boolean isDefault,
        @Schema(description = "User whose call settings apply to this number; null: none") String assignedUserId) {
}

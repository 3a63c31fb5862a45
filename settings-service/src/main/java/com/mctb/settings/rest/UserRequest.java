package com.mctb.settings.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A team member as the account shows it.
 *
 * @param mobile        the user's own mobile, E.164 (or a national number of the default region); left out: as it
 *                      was; {@code ""}: none (the user is texted nothing)
 * @param notifications which events the user is texted about; left out: as they were (all on for a new user)
 */
public record UserRequest(
        @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters") String name,
        @Size(max = 32, message = "must be at most 32 characters") String mobile,
        Notifications notifications) {

    /** The events a user is texted about; a field left out keeps its value. */
    public record Notifications(Boolean missedCall, Boolean voicemail, Boolean reply) {
    }
}

package com.mctb.settings.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A team member's name as the account shows it. */
public record UserRequest(
        @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters") String name) {
}

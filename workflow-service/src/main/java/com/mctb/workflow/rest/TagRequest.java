package com.mctb.workflow.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** One tag to add to a contact. */
public record TagRequest(
        @NotBlank(message = "is required") @Size(max = 50, message = "must be at most 50 characters") String tag) {
}

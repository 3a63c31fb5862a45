package com.mctb.workflow.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A contact as the account edits it; the phone may be written in any usual way and is stored in E.164.
 *
 * @param tags the contact's tags; omitted (null) leaves them as they are
 */
public record ContactRequest(
        @NotBlank(message = "is required") @Size(max = 32, message = "is too long") String phone,
        @Size(max = 100, message = "must be at most 100 characters") String firstName,
        @Size(max = 100, message = "must be at most 100 characters") String lastName,
        @Size(max = 50, message = "must be at most 50 tags") List<
                @NotBlank(message = "must not be blank") @Size(max = 50, message = "must be at most 50 characters") String> tags) {
}

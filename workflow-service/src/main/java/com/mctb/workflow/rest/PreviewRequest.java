package com.mctb.workflow.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * A text to render as one contact would receive it.
 *
 * @param body      the template, e.g. {@code Hi {{contact.first_name | default: "there"}}}
 * @param contactId the contact to render for; or
 * @param phone     a phone number (the contact with it, if any; else just the number)
 * @param callTo    the number that was called ({@code call.to}); omitted: the account's default number
 */
public record PreviewRequest(
        @NotNull(message = "is required") @Size(max = 1600, message = "must be at most 1600 characters") String body,
        UUID contactId,
        @Size(max = 32, message = "is too long") String phone,
        @Size(max = 32, message = "is too long") String callTo) {
}

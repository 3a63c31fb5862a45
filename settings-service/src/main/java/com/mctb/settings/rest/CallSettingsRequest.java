package com.mctb.settings.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The account's call & voicemail defaults. */
public record CallSettingsRequest(
        @NotNull(message = "is required")
        @Min(value = 5, message = "must be between 5 and 60 seconds (10-20 recommended)")
        @Max(value = 60, message = "must be between 5 and 60 seconds (10-20 recommended)")
        Integer timeoutSeconds,
        @Size(max = 10, message = "at most 10 targets are rung together")
        List<@NotNull @ForwardTarget String> forwardTo) {
}

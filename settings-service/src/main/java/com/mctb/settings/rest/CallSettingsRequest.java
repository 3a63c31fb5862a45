package com.mctb.settings.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What one level (account, user or number) sets; a field left out or null is inherited from the next level
 * (number → user → account → system). The account level must set {@code timeoutSeconds}.
 */
public record CallSettingsRequest(
        @Schema(description = "Seconds the forwarded call rings before it counts as missed: 5-60, 10-20 recommended",
                examples = "15")
        @Min(value = 5, message = "must be between 5 and 60 seconds (10-20 recommended)")
        @Max(value = 60, message = "must be between 5 and 60 seconds (10-20 recommended)")
        Integer timeoutSeconds,
        @Schema(description = "Rung together: E.164 numbers or client:identity")
        @Size(max = 10, message = "at most 10 targets are rung together")
        List<@NotNull(message = "must not be null") @ForwardTarget String> forwardTo,
        @Schema(description = "Caller ID on the forwarded leg: one of the account's numbers; null keeps the caller's")
        @Pattern(regexp = "^\\+[1-9]\\d{6,14}$", message = "must be a phone number in E.164 (+15551234567)")
        String callerId,
        @Schema(description = "The caller hears ringing until a target answers (system default: true)")
        Boolean answerOnBridge,
        @Schema(description = "Per number only: bridge a target only after a person presses a key (default: false)")
        Boolean humanAnswerConfirmation,
        @Schema(description = "Who is rung and how: SIMULTANEOUS or SEQUENTIAL targets; null inherits (system: the "
                + "forwardTo targets together)")
        @jakarta.validation.Valid
        RingPatternRequest ringPattern,
        @Schema(description = "Per number only: record answered calls after a consent announcement (default: false)")
        Boolean recordCalls,
        @Schema(description = "The consent announcement spoken before the bridge when no consent audio is uploaded",
                examples = "This call may be recorded for quality.")
        @Size(max = 500, message = "at most 500 characters")
        String consentText,
        @Schema(description = "Account only: days recordings are kept before they are deleted (system: 90)")
        @Min(value = 1, message = "must be between 1 and 3650 days")
        @Max(value = 3650, message = "must be between 1 and 3650 days")
        Integer recordingRetentionDays) {
}

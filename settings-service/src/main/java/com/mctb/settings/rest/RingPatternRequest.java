package com.mctb.settings.rest;

import com.mctb.settings.domain.RingPattern;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Who a call rings, in order; checked against the call timeout by {@link RingPattern#check}. */
public record RingPatternRequest(
        @Schema(description = "SIMULTANEOUS (all together for the timeout) or SEQUENTIAL (one after another)",
                examples = "SEQUENTIAL")
        @NotNull(message = "must be SIMULTANEOUS or SEQUENTIAL")
        @Pattern(regexp = "SIMULTANEOUS|SEQUENTIAL", message = "must be SIMULTANEOUS or SEQUENTIAL")
        String mode,
        @Schema(description = "In ring order; each a number or a team member (their mobile is rung)")
        List<Target> targets) {

    /** A phone number or one of the account's users, and (sequential) how long it rings, 5 s up to the timeout. */
    public record Target(
            @Schema(examples = "+15551234567") String number,
            @Schema(description = "one of the account's users", examples = "dana") String userId,
            @Schema(description = "seconds, required in a sequential pattern", examples = "10") Integer ringSeconds) {
    }

    RingPattern toDomain() {
        return new RingPattern(mode == null ? null : RingPattern.Mode.valueOf(mode), targets == null ? List.of()
                : targets.stream().map(t -> t == null ? null : new RingPattern.Target(t.number(), t.userId(),
                        t.ringSeconds())).toList());
    }
}

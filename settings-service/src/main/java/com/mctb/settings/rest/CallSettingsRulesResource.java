package com.mctb.settings.rest;

import com.mctb.settings.domain.CallTimeout;
import com.mctb.settings.domain.audio.GreetingAudio;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The rules this service enforces on call settings, as numbers and words, for a page to show before anyone saves
 * (the web console's Call &amp; Voicemail Settings page): the same constants the checks use, so the page and the
 * refusals never disagree. No account data, so no credential is needed.
 */
@Path("/api/call-settings/rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Call & voicemail settings")
public class CallSettingsRulesResource {

    /** What the rules are. */
    public record Rules(int timeoutMinSeconds, int timeoutMaxSeconds, int recommendedMinSeconds,
            int recommendedMaxSeconds, int systemDefaultTimeoutSeconds, String longTimeoutWarning,
            String shortTimeoutWarning, long greetingMaxBytes, long greetingMaxSeconds, String legacyTextBackWarning) {
    }

    static final Rules RULES = new Rules(CallTimeout.MIN_SECONDS, CallTimeout.MAX_SECONDS,
            CallTimeout.RECOMMENDED_MIN_SECONDS, CallTimeout.RECOMMENDED_MAX_SECONDS, CallTimeout.SYSTEM_DEFAULT_SECONDS,
            CallTimeout.warning(CallTimeout.RECOMMENDED_MAX_SECONDS + 1).orElseThrow(),
            CallTimeout.warning(CallTimeout.RECOMMENDED_MIN_SECONDS - 1).orElseThrow(),
            GreetingAudio.MAX_BYTES, GreetingAudio.MAX_DURATION.toSeconds(), LegacyTextBackResource.WHAT_IT_DOES);

    @GET
    @Operation(summary = "The call timeout's range and advice, the greeting's limits, the legacy toggle's warning")
    public Rules rules() {
        return RULES;
    }
}

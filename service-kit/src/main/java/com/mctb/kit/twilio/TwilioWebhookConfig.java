package com.mctb.kit.twilio;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** How a service recognises requests that really come from Twilio. */
@ConfigMapping(prefix = "mctb.twilio")
public interface TwilioWebhookConfig {

    /**
     * The Twilio auth token webhooks are signed with. Without one, every webhook is refused (fail closed).
     */
    Optional<String> authToken();

    /**
     * The public URL Twilio calls this service at (scheme, host and port as Twilio sees them, no trailing slash),
     * e.g. {@code https://hooks.example.com}. The signature covers the URL Twilio called, so behind a proxy that
     * rewrites host, scheme or port this is what makes checking possible.
     */
    Optional<String> publicBaseUrl();
}

package com.mctb.kit.twilio;

import io.smallrye.config.ConfigMapping;
import java.util.Map;
import java.util.Optional;

/** How a service recognises requests that really come from Twilio. */
@ConfigMapping(prefix = "mctb.twilio")
public interface TwilioWebhookConfig {

    /**
     * The auth token of the main Twilio account: webhooks whose AccountSid is not listed under {@link #accounts()}
     * are checked with it. Without any token, every webhook is refused (fail closed).
     */
    Optional<String> authToken();

    /**
     * The public URL Twilio calls this service at (scheme, host and port as Twilio sees them, no trailing slash),
     * e.g. {@code https://hooks.example.com}. The signature covers the URL Twilio called, so behind a proxy that
     * rewrites host, scheme or port this is what makes checking possible.
     */
    Optional<String> publicBaseUrl();

    /**
     * Further Twilio accounts and subaccounts, by AccountSid ({@code mctb.twilio.accounts."AC…".auth-token=…}): a
     * webhook from one of them is checked with its own token, and may name the product account it serves.
     */
    Map<String, TwilioAccount> accounts();

    /** One Twilio account or subaccount. */
    interface TwilioAccount {

        /** Its auth token: the key its webhooks are signed with. */
        String authToken();

        /** The product account (accountId) this Twilio account serves, when it serves exactly one. */
        Optional<String> accountId();
    }
}

package com.mctb.kit.twilio;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;

/** How a service recognises requests that really come from Twilio. */
@ConfigMapping(prefix = "mctb.twilio")
public interface TwilioWebhookConfig {

    /**
     * The platform's main Twilio AccountSid ({@code TWILIO_ACCOUNT_SID}): the account that holds a number whose
     * settings name no other, and whose credentials fetch the auth tokens of its subaccounts. Without it, a webhook for
     * such a number is checked with {@link #authToken()} whatever AccountSid it names.
     */
    Optional<String> accountSid();

    /**
     * The auth token of the main Twilio account ({@code TWILIO_AUTH_TOKEN}). Without any token, every webhook is
     * refused (fail closed).
     */
    Optional<String> authToken();

    /** Twilio's REST API, where subaccounts' tokens are fetched (a stand-in locally; {@code TWILIO_API_BASE_URL}). */
    @WithDefault("https://api.twilio.com")
    String apiBaseUrl();

    /**
     * The public URL Twilio calls this service at (scheme, host and port as Twilio sees them, no trailing slash),
     * e.g. {@code https://hooks.example.com}. The signature covers the URL Twilio called, so behind a proxy that
     * rewrites host, scheme or port this is what makes checking possible.
     */
    Optional<String> publicBaseUrl();

    /**
     * Twilio accounts and subaccounts known by hand, by AccountSid ({@code mctb.twilio.accounts."AC…".auth-token=…}):
     * their tokens are not fetched from Twilio, and an account may name the product account it serves (for calls to
     * its numbers no account has registered).
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

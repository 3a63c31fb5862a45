package com.mctb.settings.domain.twilio;

/** How a number came into the product: bought through Twilio's API, or already held by the account's Twilio account. */
public enum NumberOrigin {
    BOUGHT,
    IMPORTED
}

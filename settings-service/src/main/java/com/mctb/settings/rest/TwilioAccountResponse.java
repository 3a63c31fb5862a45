package com.mctb.settings.rest;

import com.mctb.settings.persistence.Account;

/**
 * The account's Twilio account; never its auth token.
 *
 * @param accountSid   null while it has none (the first number bought makes its subaccount)
 * @param source       SUBACCOUNT (made by the product under the platform's account) or LINKED (by an operator)
 * @param friendlyName the Twilio account's FriendlyName when it was tied
 */
public record TwilioAccountResponse(String accountSid, String source, String friendlyName) {

    static TwilioAccountResponse of(Account a) {
        return new TwilioAccountResponse(a.twilioAccountSid,
                a.twilioAccountSource == null ? null : a.twilioAccountSource.name(), a.twilioFriendlyName);
    }
}

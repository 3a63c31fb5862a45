package com.mctb.twilio.standin;

import java.time.Instant;

/**
 * A Twilio account the stand-in knows: the platform's main account, a subaccount created through the Accounts
 * resource, or another business's account a test seeded a number into.
 *
 * @param sid          {@code AC…}
 * @param authToken    the account's own auth token; null only for a main account of the lenient stand-in (any token)
 * @param friendlyName as given at creation
 * @param ownerSid     the main account a subaccount belongs to; the account's own SID for a main account
 * @param createdAt    when the stand-in created it
 */
public record StandInAccount(String sid, String authToken, String friendlyName, String ownerSid, Instant createdAt) {

    public boolean isSubaccount() {
        return !sid.equals(ownerSid);
    }
}

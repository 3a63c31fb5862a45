package com.mctb.settings.domain.twilio;

/** How an account got its Twilio account. */
public enum TwilioAccountSource {
    /** A subaccount of the platform's account, made for it (Accounts create, FriendlyName "mctb <accountId>"). */
    SUBACCOUNT,
    /** An existing Twilio account an operator tied to it. */
    LINKED;

    /** The FriendlyName of an account's subaccount: how a subaccount made before a crash is found again. */
    public static String subaccountName(String accountId) {
        return "mctb " + accountId;
    }
}

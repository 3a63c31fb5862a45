package com.mctb.contracts;

/** Record keys, as DESIGN.md gives them. */
public final class Keys {

    private Keys() {
    }

    /** accountId/E.164: one caller of one account, so a caller's events stay in order on one partition. */
    public static String accountAndPhone(String accountId, String e164) {
        return accountId + "/" + e164;
    }

    /** The key of an account's own record on a compacted settings topic. */
    public static String account(String accountId) {
        return accountId;
    }
}

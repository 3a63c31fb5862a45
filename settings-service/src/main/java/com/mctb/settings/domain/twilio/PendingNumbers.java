package com.mctb.settings.domain.twilio;

/**
 * How a pending number (written before Twilio was asked, removed once its outcome was recorded) is settled after a
 * crash or a lost answer, from what Twilio holds now. Nothing is left half-registered: a number is in the product
 * only if the account's Twilio account holds it, and a number the product released is not left held at Twilio.
 */
public final class PendingNumbers {

    /** What was under way. */
    public enum Operation {
        /** Buying or importing a number into the product. */
        ADD,
        /** Releasing a number at Twilio after it left the product. */
        RELEASE
    }

    /** What to do. */
    public enum Settlement {
        /** Twilio holds it: finish adding it (configure it, record it in the product). */
        FINISH_ADD,
        /** Twilio does not hold it: the purchase never happened; forget the row. */
        FORGET,
        /** Twilio still holds a number the product released: release it at Twilio, then forget the row. */
        FINISH_RELEASE
    }

    private PendingNumbers() {
    }

    public static Settlement settle(Operation operation, boolean heldByItsTwilioAccount) {
        return switch (operation) {
            case ADD -> heldByItsTwilioAccount ? Settlement.FINISH_ADD : Settlement.FORGET;
            case RELEASE -> heldByItsTwilioAccount ? Settlement.FINISH_RELEASE : Settlement.FORGET;
        };
    }
}

package com.mctb.contracts.event;

import java.time.Instant;
import java.util.List;

/**
 * The effective call settings of one of the account's numbers (or, with {@code number} null, the account's
 * defaults), already resolved across levels: this is what the gateway answers a call with.
 *
 * @param number           the Twilio number in E.164, or null for the account-wide record
 * @param businessName     spoken in the default greeting
 * @param timeoutSeconds   how long the forwarded call rings before it counts as missed
 * @param forwardTo        E.164 numbers or {@code client:identity}s rung together
 * @param callerId         caller ID shown on the forwarded leg; null keeps the caller's
 * @param answerOnBridge   keep the caller hearing ringing until a target answers
 * @param humanAnswerConfirmation bridge a target only after a person presses a key
 * @param greetingUrl      custom voicemail greeting Twilio can fetch, or null for the spoken default
 * @param version          increases with every change of the account's settings
 * @param twilioAccountSid the Twilio account or subaccount that holds {@code number} (for the account-wide record:
 *                         the account's own Twilio account); a webhook for the number is accepted only when it names
 *                         this AccountSid. Null from a producer from before numbers came from Twilio.
 */
public record CallSettingsChanged(
        String accountId,
        String number,
        String businessName,
        int timeoutSeconds,
        List<String> forwardTo,
        String callerId,
        boolean answerOnBridge,
        boolean humanAnswerConfirmation,
        String greetingUrl,
        long version,
        Instant changedAt,
        String twilioAccountSid) implements Event {

    public CallSettingsChanged {
        Require.text(accountId, "accountId");
        forwardTo = forwardTo == null ? List.of() : List.copyOf(forwardTo);
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException("timeoutSeconds must be positive");
        }
    }

    /** The record as it was before {@code twilioAccountSid} was added. */
    public CallSettingsChanged(String accountId, String number, String businessName, int timeoutSeconds,
            List<String> forwardTo, String callerId, boolean answerOnBridge, boolean humanAnswerConfirmation,
            String greetingUrl, long version, Instant changedAt) {
        this(accountId, number, businessName, timeoutSeconds, forwardTo, callerId, answerOnBridge,
                humanAnswerConfirmation, greetingUrl, version, changedAt, null);
    }

    @Override
    public String eventId() {
        return "CallSettingsChanged/" + accountId + "/" + number + "/" + version;
    }
}

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
 * @param ringPattern      who is rung and how; null from a producer from before ring patterns: ring
 *                         {@code forwardTo} together for {@code timeoutSeconds}
 * @param recording        whether answered calls are recorded and what consent the caller hears first; null from a
 *                         producer from before recording: not recorded
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
        String twilioAccountSid,
        RingPattern ringPattern,
        Recording recording) implements Event {

    /**
     * Who a call rings: all {@code targets} together for the timeout ({@code SIMULTANEOUS}), or one after another,
     * each for its {@code ringSeconds} ({@code SEQUENTIAL}; their sum never exceeds {@code timeoutSeconds}, and the
     * call is missed only when the last target has not answered).
     */
    public record RingPattern(String mode, List<RingTarget> targets) {

        public static final String SIMULTANEOUS = "SIMULTANEOUS";
        public static final String SEQUENTIAL = "SEQUENTIAL";

        public RingPattern {
            Require.text(mode, "mode");
            targets = targets == null ? List.of() : List.copyOf(targets);
        }
    }

    /**
     * One leg of a ring pattern.
     *
     * @param number      E.164 to dial: the number set, or a team member's mobile resolved when this was published
     *                    (null when that member has no mobile: the leg is skipped)
     * @param userId      the team member this leg rings, or null for a plain number
     * @param ringSeconds how long this leg rings in a sequential pattern; null in a simultaneous one
     */
    public record RingTarget(String number, String userId, Integer ringSeconds) {
    }

    /**
     * Call recording of one number.
     *
     * @param enabled         record answered calls (dual-channel), after the consent announcement
     * @param consentText     spoken to the caller before the bridge when {@code consentAudioUrl} is null
     * @param consentAudioUrl an uploaded consent announcement Twilio can fetch, or null
     * @param retentionDays   the account's retention: recordings older than this are deleted
     */
    public record Recording(boolean enabled, String consentText, String consentAudioUrl, int retentionDays) {
    }

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

    /** The record as it was before {@code ringPattern} and {@code recording} were added. */
    public CallSettingsChanged(String accountId, String number, String businessName, int timeoutSeconds,
            List<String> forwardTo, String callerId, boolean answerOnBridge, boolean humanAnswerConfirmation,
            String greetingUrl, long version, Instant changedAt, String twilioAccountSid) {
        this(accountId, number, businessName, timeoutSeconds, forwardTo, callerId, answerOnBridge,
                humanAnswerConfirmation, greetingUrl, version, changedAt, twilioAccountSid, null, null);
    }

    @Override
    public String eventId() {
        return "CallSettingsChanged/" + accountId + "/" + number + "/" + version;
    }
}

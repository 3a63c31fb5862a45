package com.mctb.contracts;

import java.util.List;

/**
 * Every Kafka topic the services share, as DESIGN.md lists them. Keys keep one caller's events in order on
 * one partition ({@link Keys}).
 */
public final class Topics {

    /** Effective call settings per account and per number; compacted, so it is also the current state. */
    public static final String SETTINGS_CALL = "settings.call";
    /** Business profile per account (name, time zone, hours, numbers, legacy toggle); compacted. */
    public static final String SETTINGS_BUSINESS = "settings.business";
    /** {@link com.mctb.contracts.event.CallMissed}, keyed accountId/callerE164. */
    public static final String CALLS_MISSED = "calls.missed";
    /** {@link com.mctb.contracts.event.CallAnswered}, keyed accountId/callerE164: for the contact's conversation. */
    public static final String CALLS_ANSWERED = "calls.answered";
    /**
     * {@link com.mctb.contracts.event.VoicemailRecorded} and, later, its
     * {@link com.mctb.contracts.event.VoicemailTranscribed}, keyed accountId/callerE164.
     */
    public static final String CALLS_VOICEMAIL = "calls.voicemail";
    /** {@link com.mctb.contracts.event.SendMessage}, keyed accountId/recipientE164. */
    public static final String SMS_COMMANDS = "sms.commands";
    /** {@link com.mctb.contracts.event.SmsEvent}s, keyed accountId/recipientE164. */
    public static final String SMS_EVENTS = "sms.events";

    /** Suffix of the topic a consumer sends a record to when it can never handle it. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    /** The topics with their partitioning, created by whichever service starts first. */
    public static final List<TopicSpec> ALL = List.of(
            new TopicSpec(SETTINGS_CALL, 3, true),
            new TopicSpec(SETTINGS_BUSINESS, 3, true),
            new TopicSpec(CALLS_MISSED, 6, false),
            new TopicSpec(CALLS_VOICEMAIL, 6, false),
            new TopicSpec(CALLS_ANSWERED, 3, false),
            new TopicSpec(SMS_COMMANDS, 6, false),
            new TopicSpec(SMS_EVENTS, 6, false),
            new TopicSpec(deadLetter(CALLS_MISSED), 1, false),
            new TopicSpec(deadLetter(CALLS_VOICEMAIL), 1, false),
            new TopicSpec(deadLetter(CALLS_ANSWERED), 1, false),
            new TopicSpec(deadLetter(SETTINGS_CALL), 1, false),
            new TopicSpec(deadLetter(SETTINGS_BUSINESS), 1, false),
            new TopicSpec(deadLetter(SMS_COMMANDS), 1, false),
            new TopicSpec(deadLetter(SMS_EVENTS), 1, false));

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** A topic's name, partition count and whether it is log-compacted. */
    public record TopicSpec(String name, int partitions, boolean compacted) {
    }
}

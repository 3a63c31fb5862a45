package com.mctb.settings.domain;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The call settings that apply, each field with the level it came from.
 */
public record EffectiveCallSettings(
        Resolved<Integer> timeoutSeconds,
        Resolved<List<String>> forwardTo,
        Resolved<String> callerId,
        Resolved<Boolean> answerOnBridge,
        Resolved<Boolean> humanAnswerConfirmation,
        Resolved<CustomGreeting> greeting,
        Resolved<RingPattern> ringPattern,
        Resolved<Boolean> recordCalls,
        Resolved<String> consentText,
        Resolved<Integer> recordingRetentionDays,
        Resolved<CustomGreeting> consentAudio) {

    /** Ringing until a target answers is what callers expect from a phone. */
    public static final boolean SYSTEM_ANSWER_ON_BRIDGE = true;
    public static final boolean SYSTEM_HUMAN_ANSWER_CONFIRMATION = false;
    /** Recording is off unless a number turns it on. */
    public static final boolean SYSTEM_RECORD_CALLS = false;

    /** One field's value and where it was set. */
    public record Resolved<T>(T value, SettingsLevel source) {
    }

    /**
     * Resolves field by field: the first layer, most specific first, that sets a field decides it; a field no
     * layer sets takes the system default (no forward-to targets, the caller's own caller ID, the carrier-style
     * spoken greeting, no recording with the default consent text, recordings kept
     * {@link CallRecording#SYSTEM_RETENTION_DAYS} days, no consent audio: the text is spoken). A ring pattern no level sets is today's: the effective
     * forward-to targets rung together for the timeout.
     *
     * @param layers most specific first (number, user, account); missing levels may be omitted
     */
    public static EffectiveCallSettings resolve(List<CallSettingsLayer> layers) {
        Resolved<List<String>> forwardTo = first(layers, CallSettingsLayer::forwardTo, List.of());
        RingPattern together = new RingPattern(RingPattern.Mode.SIMULTANEOUS,
                forwardTo.value().stream().map(n -> new RingPattern.Target(n, null, null)).toList());
        return new EffectiveCallSettings(
                first(layers, CallSettingsLayer::timeoutSeconds, CallTimeout.SYSTEM_DEFAULT_SECONDS),
                forwardTo,
                first(layers, CallSettingsLayer::callerId, null),
                first(layers, CallSettingsLayer::answerOnBridge, SYSTEM_ANSWER_ON_BRIDGE),
                first(layers, CallSettingsLayer::humanAnswerConfirmation, SYSTEM_HUMAN_ANSWER_CONFIRMATION),
                first(layers, CallSettingsLayer::greeting, null),
                first(layers, CallSettingsLayer::ringPattern, together),
                first(layers, CallSettingsLayer::recordCalls, SYSTEM_RECORD_CALLS),
                first(layers, CallSettingsLayer::consentText, CallRecording.DEFAULT_CONSENT_TEXT),
                first(layers, CallSettingsLayer::recordingRetentionDays, CallRecording.SYSTEM_RETENTION_DAYS),
                first(layers, CallSettingsLayer::consentAudio, null));
    }

    private static <T> Resolved<T> first(List<CallSettingsLayer> layers, Function<CallSettingsLayer, T> field,
            T systemDefault) {
        return layers.stream()
                .filter(Objects::nonNull)
                .flatMap(layer -> Stream.ofNullable(field.apply(layer)).map(v -> new Resolved<>(v, layer.level())))
                .findFirst()
                .orElse(new Resolved<>(systemDefault, SettingsLevel.SYSTEM));
    }
}

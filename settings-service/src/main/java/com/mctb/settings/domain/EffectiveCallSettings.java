package com.mctb.settings.domain;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The call settings that apply, each field with the level it came from.
 */
public record EffectiveCallSettings(Resolved<Integer> timeoutSeconds, Resolved<List<String>> forwardTo) {

    /** One field's value and where it was set. */
    public record Resolved<T>(T value, SettingsLevel source) {
    }

    /**
     * Resolves field by field: the first layer, most specific first, that sets a field decides it; a field no
     * layer sets takes the system default.
     *
     * @param layers most specific first (number, user, account); missing levels may be omitted
     */
    public static EffectiveCallSettings resolve(List<CallSettingsLayer> layers) {
        return new EffectiveCallSettings(
                first(layers, CallSettingsLayer::timeoutSeconds, CallTimeout.SYSTEM_DEFAULT_SECONDS),
                first(layers, CallSettingsLayer::forwardTo, List.of()));
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

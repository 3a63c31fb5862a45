package com.mctb.settings.domain;

import com.mctb.settings.domain.EffectiveCallSettings.Resolved;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A sequential ring pattern that rings longer than the call timeout it is used with. The two may be set at different
 * levels (a number's own pattern with its user's timeout, the account's pattern with a number's own timeout), so a
 * change at one level — a shorter timeout, a longer pattern, another user for a number — can leave a pattern set
 * elsewhere longer than its timeout, though each was checked when it was saved. {@link #leftBy} finds those.
 *
 * @param subject what the pattern rings for: a number (E.164), {@code user dana}, or the account's defaults
 * @param pattern the pattern that applies, with the level it comes from
 * @param timeout the call timeout that applies, with the level it comes from
 */
public record RingPatternOverrun(String subject, Resolved<RingPattern> pattern, Resolved<Integer> timeout) {

    /**
     * The subjects whose pattern no longer fits its timeout after a change: those whose pattern or timeout the change
     * altered (or that are new). A subject that already did not fit with the same pattern and timeout is left out —
     * the change did not make it so.
     *
     * @param before each subject's effective settings before the change
     * @param after  each subject's effective settings after it, in the order the refusal names them
     */
    public static List<RingPatternOverrun> leftBy(Map<String, EffectiveCallSettings> before,
            Map<String, EffectiveCallSettings> after) {
        List<RingPatternOverrun> overruns = new ArrayList<>();
        after.forEach((subject, now) -> {
            RingPattern pattern = now.ringPattern().value();
            int timeout = now.timeoutSeconds().value();
            if (pattern.fits(timeout)) {
                return;
            }
            EffectiveCallSettings was = before.get(subject);
            if (was != null && was.ringPattern().value().equals(pattern) && was.timeoutSeconds().value() == timeout) {
                return;
            }
            overruns.add(new RingPatternOverrun(subject, now.ringPattern(), now.timeoutSeconds()));
        });
        return List.copyOf(overruns);
    }

    /** Whether the change altered this subject's timeout (else it altered its pattern). */
    public boolean timeoutChanged(Map<String, EffectiveCallSettings> before) {
        EffectiveCallSettings was = before.get(subject);
        return was == null || was.timeoutSeconds().value().intValue() != timeout.value();
    }

    /** How long the pattern rings in all. */
    public int totalSeconds() {
        return pattern.value().totalRingSeconds();
    }

    /**
     * What a business owner reads: {@code +15551190001 rings 10 s + 10 s = 20 s (its pattern from the number) but
     * times out after 12 s (from the account)}.
     */
    public String describe() {
        String parts = pattern.value().targets().stream().map(t -> t.ringSeconds() + " s")
                .collect(Collectors.joining(" + "));
        return subject + " rings " + parts + " = " + totalSeconds() + " s (its pattern from " + from(pattern.source())
                + ") but times out after " + timeout.value() + " s (from " + from(timeout.source()) + ")";
    }

    private static String from(SettingsLevel level) {
        return switch (level) {
            case NUMBER -> "the number";
            case USER -> "the user";
            case ACCOUNT -> "the account";
            case SYSTEM -> "the system default";
        };
    }
}

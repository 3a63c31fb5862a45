package com.mctb.settings.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.settings.domain.RingPattern.Mode;
import com.mctb.settings.domain.RingPattern.Target;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RingPatternOverrunTest {

    private static final RingPattern TWENTY = new RingPattern(Mode.SEQUENTIAL,
            List.of(new Target("+15550001111", null, 10), new Target(null, "dana", 10)));
    private static final RingPattern TOGETHER = new RingPattern(Mode.SIMULTANEOUS,
            List.of(new Target("+15550001111", null, null), new Target(null, "dana", null)));

    private static CallSettingsLayer layer(SettingsLevel level, Integer timeout, RingPattern pattern) {
        return new CallSettingsLayer(level, timeout, null, null, null, null, null, pattern, null, null, null);
    }

    private static EffectiveCallSettings chain(CallSettingsLayer... layers) {
        return EffectiveCallSettings.resolve(Arrays.asList(layers));
    }

    private static Map<String, EffectiveCallSettings> subjects(Object... subjectThenSettings) {
        Map<String, EffectiveCallSettings> map = new LinkedHashMap<>();
        for (int i = 0; i < subjectThenSettings.length; i += 2) {
            map.put((String) subjectThenSettings[i], (EffectiveCallSettings) subjectThenSettings[i + 1]);
        }
        return map;
    }

    @Test
    void aSequentialPatternFitsATimeoutAtLeastItsRingTimesAddedUpAndASimultaneousOneAlwaysFits() {
        assertThat(TWENTY.totalRingSeconds()).isEqualTo(20);
        assertThat(TWENTY.fits(20)).isTrue();
        assertThat(TWENTY.fits(19)).isFalse();
        assertThat(TOGETHER.fits(5)).isTrue();
        assertThat(TOGETHER.totalRingSeconds()).isZero();
    }

    @Test
    void aShorterAccountTimeoutUnderANumbersOwnPatternLeavesThatNumberTooLong() {
        CallSettingsLayer number = layer(SettingsLevel.NUMBER, null, TWENTY);
        Map<String, EffectiveCallSettings> before = subjects("+15557654321",
                chain(number, layer(SettingsLevel.ACCOUNT, 25, null)));
        Map<String, EffectiveCallSettings> after = subjects("+15557654321",
                chain(number, layer(SettingsLevel.ACCOUNT, 15, null)));

        List<RingPatternOverrun> overruns = RingPatternOverrun.leftBy(before, after);

        assertThat(overruns).hasSize(1);
        RingPatternOverrun overrun = overruns.get(0);
        assertThat(overrun.subject()).isEqualTo("+15557654321");
        assertThat(overrun.totalSeconds()).isEqualTo(20);
        assertThat(overrun.timeoutChanged(before)).isTrue();
        assertThat(overrun.describe()).isEqualTo("+15557654321 rings 10 s + 10 s = 20 s (its pattern from the number) "
                + "but times out after 15 s (from the account)");
    }

    @Test
    void anAccountPatternInheritedByANumberWithAShorterTimeoutOfItsOwnIsTheChangedPattern() {
        CallSettingsLayer number = layer(SettingsLevel.NUMBER, 12, null);
        Map<String, EffectiveCallSettings> before = subjects("+15557654321",
                chain(number, layer(SettingsLevel.ACCOUNT, 20, null)));
        Map<String, EffectiveCallSettings> after = subjects("+15557654321",
                chain(number, layer(SettingsLevel.ACCOUNT, 20, TWENTY)));

        RingPatternOverrun overrun = RingPatternOverrun.leftBy(before, after).get(0);

        assertThat(overrun.timeoutChanged(before)).isFalse();
        assertThat(overrun.describe()).contains("(its pattern from the account) but times out after 12 s (from the number)");
    }

    @Test
    void whatFitsOrWasAlreadyTooLongUnchangedIsNotTheChangesDoing() {
        CallSettingsLayer tooLong = layer(SettingsLevel.NUMBER, 15, TWENTY); // saved before the rule, say
        Map<String, EffectiveCallSettings> before = subjects(
                "+15550000001", chain(tooLong, layer(SettingsLevel.ACCOUNT, 25, null)),
                "+15550000002", chain(layer(SettingsLevel.NUMBER, null, TOGETHER), layer(SettingsLevel.ACCOUNT, 25, null)),
                "+15550000003", chain(layer(SettingsLevel.NUMBER, null, TWENTY), layer(SettingsLevel.ACCOUNT, 25, null)));
        Map<String, EffectiveCallSettings> after = subjects(
                "+15550000001", chain(tooLong, layer(SettingsLevel.ACCOUNT, 20, null)),
                "+15550000002", chain(layer(SettingsLevel.NUMBER, null, TOGETHER), layer(SettingsLevel.ACCOUNT, 5, null)),
                "+15550000003", chain(layer(SettingsLevel.NUMBER, null, TWENTY), layer(SettingsLevel.ACCOUNT, 20, null)));

        assertThat(RingPatternOverrun.leftBy(before, after)).isEmpty();
    }

    @Test
    void aSubjectThatIsNewIsCheckedAsChanged() {
        Map<String, EffectiveCallSettings> after = subjects("user dana",
                chain(layer(SettingsLevel.USER, 12, null), layer(SettingsLevel.ACCOUNT, 20, TWENTY)));

        List<RingPatternOverrun> overruns = RingPatternOverrun.leftBy(Map.of(), after);

        assertThat(overruns).extracting(RingPatternOverrun::subject).containsExactly("user dana");
        assertThat(overruns.get(0).timeoutChanged(Map.of())).isTrue();
    }
}

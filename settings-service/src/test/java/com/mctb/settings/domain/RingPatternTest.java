package com.mctb.settings.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.settings.domain.RingPattern.Mode;
import com.mctb.settings.domain.RingPattern.Problem;
import com.mctb.settings.domain.RingPattern.Target;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RingPatternTest {

    private static final Set<String> USERS = Set.of("dana", "lee");

    private static RingPattern.Checked check(Mode mode, int timeout, Target... targets) {
        return RingPattern.check(new RingPattern(mode, List.of(targets)), timeout, USERS::contains);
    }

    private static List<String> fields(RingPattern.Checked checked) {
        return checked.problems().stream().map(Problem::field).toList();
    }

    @Test
    void aSequentialPatternWithinTheTimeoutIsKeptWithNumbersInE164() {
        RingPattern.Checked checked = check(Mode.SEQUENTIAL, 20,
                new Target("(555) 123-4567", null, 10), new Target(null, "dana", 10));

        assertThat(checked.problems()).isEmpty();
        assertThat(checked.pattern().targets()).containsExactly(
                new Target("+15551234567", null, 10), new Target(null, "dana", 10));
        assertThat(checked.pattern().ringingSeconds(20)).isEqualTo(20);
    }

    @Test
    void aSimultaneousPatternRingsForTheTimeoutAndDropsRingTimes() {
        RingPattern.Checked checked = check(Mode.SIMULTANEOUS, 15,
                new Target("+15551234567", null, null), new Target(null, "lee", 8));

        assertThat(checked.problems()).isEmpty();
        assertThat(checked.pattern().targets()).extracting(Target::ringSeconds).containsOnlyNulls();
        assertThat(checked.pattern().ringingSeconds(15)).isEqualTo(15);
    }

    @Test
    void aSequentialPatternLongerThanTheTimeoutIsRefused() {
        RingPattern.Checked checked = check(Mode.SEQUENTIAL, 20,
                new Target("+15551234567", null, 15), new Target(null, "lee", 10));

        assertThat(checked.pattern()).isNull();
        assertThat(checked.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("ringPattern.targets");
            assertThat(p.message()).contains("25 s", "20 s");
        });
    }

    @Test
    void ringTimesUnderFiveSecondsOrOverTheTimeoutAreRefused() {
        assertThat(fields(check(Mode.SEQUENTIAL, 20, new Target("+15551234567", null, 4))))
                .containsExactly("ringPattern.targets[0].ringSeconds");
        assertThat(fields(check(Mode.SEQUENTIAL, 20, new Target("+15551234567", null, 5)))).isEmpty();
        assertThat(fields(check(Mode.SIMULTANEOUS, 20, new Target("+15551234567", null, 21))))
                .containsExactly("ringPattern.targets[0].ringSeconds");
        assertThat(fields(check(Mode.SEQUENTIAL, 20, new Target("+15551234567", null, null))))
                .containsExactly("ringPattern.targets[0].ringSeconds");
    }

    @Test
    void aTargetThatIsNeitherANumberNorAKnownUserIsRefused() {
        assertThat(fields(check(Mode.SIMULTANEOUS, 20, new Target("call me", null, null))))
                .containsExactly("ringPattern.targets[0].number");
        assertThat(fields(check(Mode.SIMULTANEOUS, 20, new Target(null, "ghost", null))))
                .containsExactly("ringPattern.targets[0].userId");
        assertThat(fields(check(Mode.SIMULTANEOUS, 20, new Target(null, null, null))))
                .containsExactly("ringPattern.targets[0]");
        assertThat(fields(check(Mode.SIMULTANEOUS, 20, new Target("+15551234567", "dana", null))))
                .containsExactly("ringPattern.targets[0]");
    }

    @Test
    void duplicatesAreRefusedAlsoWhenWrittenDifferently() {
        assertThat(fields(check(Mode.SEQUENTIAL, 30,
                new Target("+1 555 123 4567", null, 10), new Target("(555) 123-4567", null, 10))))
                .containsExactly("ringPattern.targets[1]");
        assertThat(fields(check(Mode.SIMULTANEOUS, 30, new Target(null, "dana", null), new Target(null, "dana", null))))
                .containsExactly("ringPattern.targets[1]");
    }

    @Test
    void aMissingModeOrTooManyTargetsIsRefused() {
        assertThat(fields(check(null, 20, new Target("+15551234567", null, null)))).containsExactly("ringPattern.mode");
        Target[] eleven = new Target[11];
        for (int i = 0; i < eleven.length; i++) {
            eleven[i] = new Target("+1555123" + String.format("%04d", i), null, null);
        }
        assertThat(fields(check(Mode.SIMULTANEOUS, 20, eleven))).contains("ringPattern.targets");
    }

    @Test
    void aMemberWithoutAMobileOrAlsoThereAsTheirOwnNumberIsRefused() {
        java.util.Map<String, String> mobiles = java.util.Map.of("dana", "+15550002222");
        RingPattern.Checked checked = RingPattern.check(new RingPattern(Mode.SEQUENTIAL, List.of(
                        new Target("(555) 000-2222", null, 5), new Target(null, "dana", 5), new Target(null, "lee", 5))),
                20, USERS::contains, mobiles::get);

        assertThat(checked.pattern()).isNull();
        assertThat(fields(checked)).containsExactly("ringPattern.targets[1]", "ringPattern.targets[2].userId");
        assertThat(checked.problems().get(0).message()).contains("dana (+15550002222)");
        assertThat(checked.problems().get(1).message()).contains("no mobile");
    }

    @Test
    void theRingingBeforeVoicemailNeverOutlastsTheTimeoutEvenWhenTheTimeoutWasShortenedAfter() {
        RingPattern pattern = new RingPattern(Mode.SEQUENTIAL, List.of(new Target("+15551234567", null, 10),
                new Target("+15551234568", null, 10)));

        assertThat(pattern.ringingSeconds(25)).isEqualTo(20);
        assertThat(pattern.ringingSeconds(12)).as("the account's timeout went down to 12 s").isEqualTo(12);
    }
}

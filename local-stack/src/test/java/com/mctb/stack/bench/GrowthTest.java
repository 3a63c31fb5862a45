package com.mctb.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** The soak's judgement: warming up then staying is flat; rising in the second half as in the first is growth. */
class GrowthTest {

    private static List<Growth.Sample> every3Minutes(int minutes, DoubleUnaryOperator value) {
        List<Growth.Sample> samples = new ArrayList<>();
        for (int m = 0; m <= minutes; m += 3) {
            samples.add(new Growth.Sample(m, value.applyAsDouble(m)));
        }
        return samples;
    }

    @Test
    void aJvmThatWarmsUpAndThenStaysIsFlat() {
        // 180 MB idle, up to 240 MB in the first minutes, then ±3 MB.
        var rss = every3Minutes(30, m -> m < 6 ? 180 + 10 * m : 240 + (m % 2 == 0 ? 3 : -3));
        Growth.Verdict verdict = Growth.judge("rss call-gateway", Growth.Kind.BOUNDED, "MB", rss, 3, 16, 0.1);

        assertThat(verdict.grows()).isFalse();
        assertThat(verdict.fails()).isFalse();
        assertThat(verdict.start()).isEqualTo(210);
        assertThat(verdict.end()).isEqualTo(243);
        assertThat(verdict.describe()).contains("flat in the second half");
    }

    @Test
    void aLeakThatKeepsRisingFailsTheSoak() {
        var heap = every3Minutes(30, m -> 60 + 4 * m);
        Growth.Verdict verdict = Growth.judge("heap after GC workflow-service", Growth.Kind.BOUNDED, "MB", heap, 3, 16, 0.1);

        assertThat(verdict.grows()).isTrue();
        assertThat(verdict.fails()).isTrue();
        assertThat(verdict.perMinute()).isEqualTo(4.0);
        assertThat(verdict.describe()).contains("GROWS WITHOUT BOUND").contains("+4 MB/min");
    }

    @Test
    void aRiseWithinTheToleranceIsNoise() {
        var connections = every3Minutes(30, m -> m < 15 ? 40 : 41);
        assertThat(Growth.judge("connections mctb_soak", Growth.Kind.BOUNDED, "", connections, 3, 2, 0.1).grows()).isFalse();
    }

    @Test
    void aPoolThatShrankAfterTheWarmUpAndTookSomeBackIsNotALeak() {
        // The 30-minute soak of 2026-12-03: 70 connections while warming, 35 at the middle, 41 at the end.
        var connections = List.of(new Growth.Sample(3, 70), new Growth.Sample(9, 71), new Growth.Sample(15, 35),
                new Growth.Sample(21, 35), new Growth.Sample(27, 41), new Growth.Sample(30.5, 41));
        assertThat(Growth.judge("pg connections mctb_soak", Growth.Kind.BOUNDED, "", connections, 3, 2, 0.1).grows())
                .isFalse();
        // … while the same rise above everything seen before is one.
        var rising = List.of(new Growth.Sample(3, 30), new Growth.Sample(9, 32), new Growth.Sample(15, 35),
                new Growth.Sample(21, 38), new Growth.Sample(27, 41), new Growth.Sample(30.5, 43));
        assertThat(Growth.judge("pg connections mctb_soak", Growth.Kind.BOUNDED, "", rising, 3, 2, 0.1).grows())
                .isTrue();
    }

    @Test
    void keptRowsGrowWithTrafficWithoutFailingTheSoak() {
        var inbox = every3Minutes(30, m -> 3_000.0 * m);
        Growth.Verdict verdict = Growth.judge("workflow.processed_event rows", Growth.Kind.RECORDS, "rows", inbox, 3, 100, 0.05);

        assertThat(verdict.grows()).isTrue();
        assertThat(verdict.fails()).isFalse();
        assertThat(verdict.describe()).contains("grows with traffic").contains("+3,000 rows/min");
    }

    @Test
    void aShortRunJudgesEverySampleItHas() {
        var outbox = List.of(new Growth.Sample(0, 0), new Growth.Sample(1, 30), new Growth.Sample(2, 0));
        Growth.Verdict verdict = Growth.judge("gateway.outbox rows", Growth.Kind.BOUNDED, "rows", outbox, 3, 100, 0.1);

        assertThat(verdict.start()).isZero();
        assertThat(verdict.middle()).isEqualTo(30);
        assertThat(verdict.grows()).isFalse();
    }
}

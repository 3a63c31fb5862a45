package com.mctb.contracts.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    private static final long LENGTH = 1000;

    @Test
    void noHeaderOrAnotherUnitAsksForTheWhole() {
        assertThat(ByteRange.of(null, LENGTH)).isInstanceOf(ByteRange.Whole.class);
        assertThat(ByteRange.of("items=0-5", LENGTH)).isInstanceOf(ByteRange.Whole.class);
    }

    @Test
    void aClosedRangeIsServedAsAsked() {
        assertThat(ByteRange.of("bytes=100-199", LENGTH)).isEqualTo(new ByteRange.Part(100, 199));
        assertThat(((ByteRange.Part) ByteRange.of("bytes=100-199", LENGTH)).contentRange(LENGTH))
                .isEqualTo("bytes 100-199/1000");
    }

    @Test
    void anOpenRangeRunsToTheEndAsABrowserAsksFirst() {
        assertThat(ByteRange.of("bytes=0-", LENGTH)).isEqualTo(new ByteRange.Part(0, 999));
        assertThat(ByteRange.of("bytes=990-", LENGTH)).isEqualTo(new ByteRange.Part(990, 999));
    }

    @Test
    void aRangePastTheEndIsCutAtTheEnd() {
        assertThat(ByteRange.of("bytes=900-5000", LENGTH)).isEqualTo(new ByteRange.Part(900, 999));
    }

    @Test
    void aSuffixRangeIsTheLastBytes() {
        assertThat(ByteRange.of("bytes=-100", LENGTH)).isEqualTo(new ByteRange.Part(900, 999));
        assertThat(ByteRange.of("bytes=-5000", LENGTH)).isEqualTo(new ByteRange.Part(0, 999));
    }

    @Test
    void aRangeStartingAtOrAfterTheEndIsUnsatisfiable() {
        assertThat(ByteRange.of("bytes=1000-", LENGTH)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(ByteRange.of("bytes=5000-6000", LENGTH)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(ByteRange.of("bytes=-0", LENGTH)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(ByteRange.of("bytes=99999999999999999999-", LENGTH)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(new ByteRange.Unsatisfiable().contentRange(LENGTH)).isEqualTo("bytes */1000");
    }

    @Test
    void aMalformedHeaderIsIgnored() {
        assertThat(ByteRange.of("bytes=abc", LENGTH)).isInstanceOf(ByteRange.Whole.class);
        assertThat(ByteRange.of("bytes=200-100", LENGTH)).isInstanceOf(ByteRange.Whole.class);
        assertThat(ByteRange.of("bytes=-", LENGTH)).isInstanceOf(ByteRange.Whole.class);
        assertThat(ByteRange.of("bytes=1-2-3", LENGTH)).isInstanceOf(ByteRange.Whole.class);
    }

    @Test
    void severalRangesAreAnsweredWholeUnlessOnlyOneIsSatisfiable() {
        assertThat(ByteRange.of("bytes=0-10, 20-30", LENGTH)).isInstanceOf(ByteRange.Whole.class);
        assertThat(ByteRange.of("bytes=0-10, 5000-6000", LENGTH)).isEqualTo(new ByteRange.Part(0, 10));
        assertThat(ByteRange.of("bytes=2000-3000, 5000-6000", LENGTH)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }
}

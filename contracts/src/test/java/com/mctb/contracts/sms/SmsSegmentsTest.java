package com.mctb.contracts.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.contracts.sms.SmsSegments.Encoding;
import org.junit.jupiter.api.Test;

class SmsSegmentsTest {

    @Test
    void plainGsmUpTo160IsOneSegment() {
        assertThat(SmsSegments.count("Hi Dana, sorry we missed your call at Glow Aesthetics. How can we help?"))
                .isEqualTo(new SmsSegments.Count(Encoding.GSM_7, 1, 71, 71));
        assertThat(SmsSegments.count("a".repeat(160)).segments()).isEqualTo(1);
    }

    @Test
    void gsmOver160IsSplitIn153s() {
        assertThat(SmsSegments.count("a".repeat(161)).segments()).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(306)).segments()).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(307)).segments()).isEqualTo(3);
    }

    @Test
    void extensionCharactersTakeTwoSeptets() {
        // 80 euro signs = 160 septets: still one segment
        assertThat(SmsSegments.count("€".repeat(80))).isEqualTo(new SmsSegments.Count(Encoding.GSM_7, 1, 80, 160));
        assertThat(SmsSegments.count("€".repeat(81)).segments()).isEqualTo(2);
        assertThat(SmsSegments.count("{[|]}~^\\").units()).isEqualTo(16);
    }

    @Test
    void anEscapePairIsNeverSplitAcrossSegments() {
        // 152 septets then '€': the pair does not fit in the first segment's last septet, so it moves on.
        String text = "a".repeat(152) + "€" + "a".repeat(10);
        assertThat(SmsSegments.count(text).units()).isEqualTo(164);
        assertThat(SmsSegments.count(text).segments()).isEqualTo(2);
        // 306 septets would fit two segments, but the pair moves to segment two and pushes one 'a' into a third.
        String edge = "a".repeat(152) + "€" + "a".repeat(152);
        assertThat(SmsSegments.count(edge).segments()).isEqualTo(3);
    }

    @Test
    void gsmAccentsStayGsmButOtherAccentsNeedUcs2() {
        assertThat(SmsSegments.count("Café in Zürich, à bientôt").encoding()).isEqualTo(Encoding.UCS_2); // ô is not GSM
        assertThat(SmsSegments.count("Café in Zürich, à demain").encoding()).isEqualTo(Encoding.GSM_7);
        assertThat(SmsSegments.count("Olá").encoding()).isEqualTo(Encoding.UCS_2);
    }

    @Test
    void ucs2UpTo70IsOneSegmentThenSplitIn67s() {
        assertThat(SmsSegments.count("á".repeat(70))).isEqualTo(new SmsSegments.Count(Encoding.UCS_2, 1, 70, 70));
        assertThat(SmsSegments.count("á".repeat(71)).segments()).isEqualTo(2);
        assertThat(SmsSegments.count("á".repeat(134)).segments()).isEqualTo(2);
        assertThat(SmsSegments.count("á".repeat(135)).segments()).isEqualTo(3);
    }

    @Test
    void emojiAreSurrogatePairsCountedAsTwoUnitsAndNeverSplit() {
        String wave = "\uD83D\uDC4B";
        assertThat(SmsSegments.count("Hi " + wave)).isEqualTo(new SmsSegments.Count(Encoding.UCS_2, 1, 4, 5));
        assertThat(SmsSegments.count(wave.repeat(35)).segments()).isEqualTo(1);
        assertThat(SmsSegments.count(wave.repeat(36)).segments()).isEqualTo(2);
        // 66 units then an emoji: it cannot take the 67th unit alone, so it opens segment two
        assertThat(SmsSegments.count("a".repeat(66) + wave + "b".repeat(10)).segments()).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(66) + wave + "b".repeat(66)).segments()).isEqualTo(3);
    }

    @Test
    void theEmptyTextIsOneSegment() {
        assertThat(SmsSegments.count("").segments()).isEqualTo(1);
    }
}

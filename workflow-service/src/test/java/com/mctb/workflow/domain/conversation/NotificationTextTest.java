package com.mctb.workflow.domain.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NotificationTextTest {

    @Test
    void aMissedCallNamesTheCallerAndTheirNumberAsAPersonReadsIt() {
        assertThat(NotificationText.missedCall("Dana Lee", "+15551230001", "Glow Aesthetics"))
                .isEqualTo("Missed call from Dana Lee +1 555-123-0001 to Glow Aesthetics.");
        assertThat(NotificationText.missedCall(null, "+15551230001", null))
                .isEqualTo("Missed call from +1 555-123-0001.");
    }

    @Test
    void aVoicemailSaysHowLongItIsAndQuotesItsTranscriptionWhenThereIsOne() {
        assertThat(NotificationText.voicemail("Dana Lee", "+15551230001", 34, "Please call me back.", null))
                .isEqualTo("Voicemail from Dana Lee +1 555-123-0001 (0:34): 'Please call me back.'");
        assertThat(NotificationText.voicemail("Dana", "+15551230001", 75, null, "Glow"))
                .isEqualTo("Voicemail from Dana +1 555-123-0001 to Glow (1:15).");
    }

    @Test
    void aReplyIsQuotedAndALongOneCut() {
        assertThat(NotificationText.reply("Dana", "+15551230001", "Is Tuesday\nok?", null))
                .isEqualTo("Text from Dana +1 555-123-0001: 'Is Tuesday ok?'");
        String cut = NotificationText.reply("Dana", "+15551230001", "word ".repeat(60), null);
        assertThat(cut).endsWith("…'");
        assertThat(cut.length()).isLessThan(170);
    }

    @Test
    void durationsReadAsMinutesAndSeconds() {
        assertThat(NotificationText.duration(0)).isEqualTo("0:00");
        assertThat(NotificationText.duration(9)).isEqualTo("0:09");
        assertThat(NotificationText.duration(600)).isEqualTo("10:00");
    }
}

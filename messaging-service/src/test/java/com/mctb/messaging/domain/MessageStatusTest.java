package com.mctb.messaging.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageStatusTest {

    @Test
    void aTextMovesOnlyForward() {
        assertThat(MessageStatus.SENDING.mayBecome(MessageStatus.QUEUED)).isTrue();
        assertThat(MessageStatus.QUEUED.mayBecome(MessageStatus.SENT)).isTrue();
        assertThat(MessageStatus.QUEUED.mayBecome(MessageStatus.DELIVERED)).isTrue();
        assertThat(MessageStatus.SENT.mayBecome(MessageStatus.UNDELIVERED)).isTrue();
        assertThat(MessageStatus.SENT.mayBecome(MessageStatus.QUEUED)).isFalse();
        assertThat(MessageStatus.SENT.mayBecome(MessageStatus.SENT)).isFalse();
    }

    @Test
    void aSettledTextNeverChangesAgain() {
        for (MessageStatus settled : new MessageStatus[] {MessageStatus.DELIVERED, MessageStatus.UNDELIVERED,
                MessageStatus.FAILED, MessageStatus.REJECTED}) {
            assertThat(settled.isSettled()).isTrue();
            for (MessageStatus next : MessageStatus.values()) {
                assertThat(settled.mayBecome(next)).as(settled + " -> " + next).isFalse();
            }
        }
    }

    @Test
    void twilioStatusesMapToOurs() {
        assertThat(MessageStatus.fromTwilio("queued")).contains(MessageStatus.QUEUED);
        assertThat(MessageStatus.fromTwilio("accepted")).contains(MessageStatus.QUEUED);
        assertThat(MessageStatus.fromTwilio("sending")).contains(MessageStatus.QUEUED);
        assertThat(MessageStatus.fromTwilio("sent")).contains(MessageStatus.SENT);
        assertThat(MessageStatus.fromTwilio(" Delivered ")).contains(MessageStatus.DELIVERED);
        assertThat(MessageStatus.fromTwilio("read")).contains(MessageStatus.DELIVERED);
        assertThat(MessageStatus.fromTwilio("undelivered")).contains(MessageStatus.UNDELIVERED);
        assertThat(MessageStatus.fromTwilio("failed")).contains(MessageStatus.FAILED);
        assertThat(MessageStatus.fromTwilio("received")).isEmpty();
        assertThat(MessageStatus.fromTwilio("bogus")).isEmpty();
        assertThat(MessageStatus.fromTwilio(null)).isEmpty();
    }
}

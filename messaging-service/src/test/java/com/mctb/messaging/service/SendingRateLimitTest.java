package com.mctb.messaging.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mctb.messaging.support.Texts;
import com.mctb.testkit.KafkaAndPostgres;
import com.mctb.testkit.TwilioStandInResource;
import com.mctb.twilio.standin.SentMessage;
import com.mctb.twilio.standin.TwilioApiStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A burst from one number queues at the number's rate instead of being refused. The test profile gives toll-free
 * numbers 4 texts/s; the stand-in refuses a toll-free sender past 5 in any second, as a carrier-limited number would.
 */
@QuarkusTest
@WithTestResource(KafkaAndPostgres.class)
@WithTestResource(TwilioStandInResource.class)
class SendingRateLimitTest {

    private static final String TOLL_FREE = "+18005550199";

    private final TwilioApiStandIn twilio = TwilioStandInResource.standIn();

    @BeforeEach
    void reset() {
        twilio.reset();
    }

    @Test
    void aBurstFromOneNumberQueuesAtItsRateAndNothingIsRefused() {
        twilio.limitRate(TOLL_FREE, 5);

        for (int i = 0; i < 10; i++) {
            Texts.send(Texts.from(Texts.sms("cmd-rate-" + i, "acct-rate", String.format("+155567890%02d", i), "burst " + i),
                    TOLL_FREE));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> fromTollFree().size() == 10);
        List<SentMessage> sent = fromTollFree();
        assertThat(twilio.rateRefusals()).as("requests Twilio refused for the number's rate").isZero();
        assertThat(sent).extracting(SentMessage::to).doesNotHaveDuplicates();
        double seconds = (sent.get(9).receivedAtEpochNanos() - sent.get(0).receivedAtEpochNanos()) / 1e9;
        assertThat(seconds).as("10 texts at 4/s take about 9/4 s").isBetween(1.5, 6.0);
    }

    @Test
    void otherNumbersAreNotHeldBackByABusyOne() {
        for (int i = 0; i < 8; i++) {
            Texts.send(Texts.from(Texts.sms("cmd-busy-" + i, "acct-rate", String.format("+155567891%02d", i), "busy " + i),
                    TOLL_FREE));
        }
        Texts.send(Texts.sms("cmd-free", "acct-rate", "+15556789200", "not waiting"));

        await().atMost(Duration.ofSeconds(5)).until(() -> Texts.sentTo("+15556789200").size() == 1);
        assertThat(fromTollFree().size()).as("the toll-free burst is still queued").isLessThan(8);
        await().atMost(Duration.ofSeconds(10)).until(() -> fromTollFree().size() == 8);
    }

    private List<SentMessage> fromTollFree() {
        return twilio.sentMessages().stream().filter(m -> TOLL_FREE.equals(m.from())).toList();
    }
}

package com.mctb.messaging.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.contracts.event.Channel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class MessagingMetricsTest {

    @Test
    void theMetersThatMoveOnlyWhenSomethingGoesWrongAreExportedAtZeroFromTheStart() {
        MessagingMetrics metrics = new MessagingMetrics();
        metrics.registry = new SimpleMeterRegistry();

        metrics.registerRareMeters(null);

        assertThat(metrics.registry.find("mctb.twilio.errors").tag("code", "20429").counter().count()).isZero();
        assertThat(metrics.registry.find("mctb.twilio.retries").tag("reason", "5xx").counter().count()).isZero();
        assertThat(metrics.registry.find("mctb.opt.outs").tag("channel", "sms").counter().count()).isZero();
        assertThat(metrics.registry.find("mctb.limit.rejections").counter().count()).isZero();
        assertThat(metrics.registry.find("mctb.rate.limit.wait").timer().count()).isZero();

        metrics.twilioError("20429");
        metrics.optOut(Channel.SMS);

        assertThat(metrics.registry.find("mctb.twilio.errors").tag("code", "20429").counter().count()).isEqualTo(1);
        assertThat(metrics.registry.find("mctb.opt.outs").tag("channel", "sms").counter().count()).isEqualTo(1);
    }
}

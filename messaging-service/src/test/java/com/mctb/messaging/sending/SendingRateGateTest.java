package com.mctb.messaging.sending;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.contracts.event.Channel;
import com.mctb.messaging.config.MessagingConfig;
import com.mctb.messaging.domain.NumberType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SendingRateGateTest {

    private static final long T0 = 1_000_000_000_000L;
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final SendingRateGate gate = new SendingRateGate(limits(1));

    @Test
    void aNumberSendsAtTheRateOfItsType() {
        String tollFree = "+18005550100";

        assertThat(gate.reserve(Channel.SMS, tollFree, T0)).isZero();
        assertThat(gate.reserve(Channel.SMS, tollFree, T0)).isEqualTo(250 * MS);
        assertThat(gate.reserve(Channel.SMS, tollFree, T0)).isEqualTo(500 * MS);
        String longCode = "+15557654321";
        assertThat(gate.reserve(Channel.SMS, longCode, T0)).isZero();
        assertThat(gate.reserve(Channel.SMS, longCode, T0)).as("1/s").isEqualTo(1000 * MS);
    }

    @Test
    void numbersDoNotWaitForEachOther() {
        gate.reserve(Channel.SMS, "+15557654321", T0);
        gate.reserve(Channel.SMS, "+15557654321", T0);

        assertThat(gate.reserve(Channel.SMS, "+15557654322", T0)).isZero();
    }

    @Test
    void aWhatsAppSenderAShortCodeAndAListedNumberHaveTheirOwnRates() {
        assertThat(gate.reserve(Channel.WHATSAPP, "+15557654321", T0)).isZero();
        assertThat(gate.reserve(Channel.WHATSAPP, "+15557654321", T0)).as("80/s").isEqualTo(12_500_000);
        gate.reserve(Channel.SMS, "24680", T0);
        assertThat(gate.reserve(Channel.SMS, "24680", T0)).as("a short code by its form: 100/s").isEqualTo(10 * MS);
        gate.reserve(Channel.SMS, "+15550001111", T0);
        assertThat(gate.reserve(Channel.SMS, "+15550001111", T0)).as("listed as a short code").isEqualTo(10 * MS);
    }

    @Test
    void aBurstGoesAtOnceThenTheRateApplies() {
        SendingRateGate bursty = new SendingRateGate(limits(3));

        assertThat(bursty.reserve(Channel.SMS, "+15557654321", T0)).isZero();
        assertThat(bursty.reserve(Channel.SMS, "+15557654321", T0)).isZero();
        assertThat(bursty.reserve(Channel.SMS, "+15557654321", T0)).isZero();
        assertThat(bursty.reserve(Channel.SMS, "+15557654321", T0)).isEqualTo(1000 * MS);
    }

    @Test
    void aBatchTakesEachNumbersSlotsInItsOrder() {
        String a = "+18005550101";
        String b = "+18885550102";
        String unlimited = "+15557654399";
        SendingRateGate noRate = new SendingRateGate(limits(1, 0));

        long[] waits = gate.reserve(List.of(new SendingRateGate.Sender(Channel.SMS, a),
                new SendingRateGate.Sender(Channel.SMS, b), new SendingRateGate.Sender(Channel.SMS, a),
                new SendingRateGate.Sender(Channel.SMS, b), new SendingRateGate.Sender(Channel.SMS, a)));

        assertThat(waits).as("3 texts of one toll-free number and 2 of another, at 4/s")
                .containsExactly(0, 0, 250 * MS, 250 * MS, 500 * MS);
        assertThat(noRate.reserve(List.of(new SendingRateGate.Sender(Channel.SMS, unlimited),
                new SendingRateGate.Sender(Channel.SMS, unlimited)))).as("a type with no rate").containsExactly(0, 0);
        assertThat(gate.reserve(List.of())).isEmpty();
    }

    @Test
    void aSlotThatPassedIsNotOwed() {
        gate.reserve(Channel.SMS, "+15557654321", T0);

        assertThat(gate.reserve(Channel.SMS, "+15557654321", T0 + 5000 * MS)).isZero();
    }

    private static MessagingConfig.RateLimit limits(int burst) {
        return limits(burst, 1);
    }

    private static MessagingConfig.RateLimit limits(int burst, double longCode) {
        return new MessagingConfig.RateLimit() {
            public double longCode() {
                return longCode;
            }

            public double tollFree() {
                return 4;
            }

            public double shortCode() {
                return 100;
            }

            public double whatsapp() {
                return 80;
            }

            public int burst() {
                return burst;
            }

            public List<String> tollFreePrefixes() {
                return List.of("+1800", "+1888");
            }

            public Map<String, NumberType> numbers() {
                return Map.of("+15550001111", NumberType.SHORT_CODE);
            }
        };
    }
}

package com.mctb.messaging.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.contracts.event.Channel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NumberTypesTest {

    private final NumberTypes types = new NumberTypes(Map.of("+15557770000", NumberType.SHORT_CODE),
            List.of("+1800", "+1888"));

    @Test
    void tellsTheTypeOfASendingNumber() {
        assertThat(types.of(Channel.SMS, "+15557654321")).isEqualTo(NumberType.LONG_CODE);
        assertThat(types.of(Channel.SMS, "+18005550100")).isEqualTo(NumberType.TOLL_FREE);
        assertThat(types.of(Channel.SMS, "+18885550100")).isEqualTo(NumberType.TOLL_FREE);
        assertThat(types.of(Channel.SMS, "12345")).isEqualTo(NumberType.SHORT_CODE);
        assertThat(types.of(Channel.WHATSAPP, "+15557654321")).isEqualTo(NumberType.WHATSAPP);
    }

    @Test
    void configurationOverridesTheRules() {
        assertThat(types.of(Channel.SMS, "+15557770000")).isEqualTo(NumberType.SHORT_CODE);
    }
}

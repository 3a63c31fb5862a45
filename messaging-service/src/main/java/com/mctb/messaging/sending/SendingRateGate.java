package com.mctb.messaging.sending;

import com.mctb.contracts.event.Channel;
import com.mctb.messaging.config.MessagingConfig;
import com.mctb.messaging.domain.NumberTypes;
import com.mctb.messaging.domain.SendingRate;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The first stage: each request to Twilio takes its sending number's next slot, at the rate of the number's type
 * (long code, toll-free, short code, WhatsApp sender) and with the configured burst. It answers how long to wait;
 * the caller's timer holds the wait, so no thread is parked. Per instance: with N instances, give each 1/N.
 */
@Singleton
public class SendingRateGate {

    private final MessagingConfig.RateLimit limits;
    private final NumberTypes numberTypes;
    private final SendingRate rate = new SendingRate();

    @Inject
    SendingRateGate(MessagingConfig config) {
        this(config.rateLimit());
    }

    SendingRateGate(MessagingConfig.RateLimit limits) {
        this.limits = limits;
        this.numberTypes = new NumberTypes(limits.numbers(), limits.tollFreePrefixes());
    }

    /** Reserves the next slot of {@code from} and returns how long to wait for it, in nanoseconds (0: now). */
    public long reserve(Channel channel, String from) {
        return reserve(channel, from, System.nanoTime());
    }

    long reserve(Channel channel, String from, long nowNanos) {
        double perSecond = switch (numberTypes.of(channel, from)) {
            case LONG_CODE -> limits.longCode();
            case TOLL_FREE -> limits.tollFree();
            case SHORT_CODE -> limits.shortCode();
            case WHATSAPP -> limits.whatsapp();
        };
        return rate.reserve(from, perSecond, limits.burst(), nowNanos);
    }

    /** Forgets numbers that have been idle (call now and then). */
    void forgetIdle() {
        rate.forgetIdle(System.nanoTime());
    }
}

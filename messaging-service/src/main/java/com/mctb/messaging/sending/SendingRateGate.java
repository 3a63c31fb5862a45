package com.mctb.messaging.sending;

import com.mctb.contracts.event.Channel;
import com.mctb.kit.kafka.Failures;
import com.mctb.messaging.config.MessagingConfig;
import com.mctb.messaging.domain.NumberTypes;
import com.mctb.messaging.domain.SendingRate;
import com.mctb.messaging.persistence.SendingSlots;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The first stage: each request to Twilio takes its sending number's next slot, at the rate of the number's type
 * (long code, toll-free, short code, WhatsApp sender) and with the configured burst. It answers how long to wait;
 * the caller's timer holds the wait, so no thread is parked. The slots are kept in PostgreSQL ({@link SendingSlots}),
 * so the rate holds for the number across every instance: one statement per reservation. Should that statement
 * fail, the slot is taken from this instance's own reservations ({@link SendingRate}), so a text is not held up.
 */
@Singleton
public class SendingRateGate {

    private static final Logger LOG = Logger.getLogger(SendingRateGate.class);

    private final MessagingConfig.RateLimit limits;
    private final NumberTypes numberTypes;
    private final SendingRate local = new SendingRate();
    /** The shared slots; null: this instance's memory only (unit tests). */
    private final SendingSlots shared;

    @Inject
    SendingRateGate(MessagingConfig config, SendingSlots slots) {
        this(config.rateLimit(), slots);
    }

    /** A gate of this instance's memory only. */
    SendingRateGate(MessagingConfig.RateLimit limits) {
        this(limits, null);
    }

    SendingRateGate(MessagingConfig.RateLimit limits, SendingSlots shared) {
        this.limits = limits;
        this.numberTypes = new NumberTypes(limits.numbers(), limits.tollFreePrefixes());
        this.shared = shared;
    }

    /** Reserves the next slot of {@code from} and returns how long to wait for it, in nanoseconds (0: now). */
    public long reserve(Channel channel, String from) {
        double perSecond = perSecond(channel, from);
        if (shared != null && perSecond > 0 && !Double.isInfinite(perSecond)) {
            long interval = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
            try {
                return shared.reserve(from, interval, interval * (Math.max(1, limits.burst()) - 1));
            } catch (RuntimeException e) {
                LOG.warnf("sending rate: the shared slot could not be reserved (%s); this instance's own used",
                        Failures.describe(e));
            }
        }
        return local.reserve(from, perSecond, limits.burst(), System.nanoTime());
    }

    /** This instance's own reservation (what {@link #reserve(Channel, String)} falls back to). */
    long reserve(Channel channel, String from, long nowNanos) {
        return local.reserve(from, perSecond(channel, from), limits.burst(), nowNanos);
    }

    private double perSecond(Channel channel, String from) {
        return switch (numberTypes.of(channel, from)) {
            case LONG_CODE -> limits.longCode();
            case TOLL_FREE -> limits.tollFree();
            case SHORT_CODE -> limits.shortCode();
            case WHATSAPP -> limits.whatsapp();
        };
    }

    /** Forgets numbers that have been idle (call now and then). */
    void forgetIdle() {
        local.forgetIdle(System.nanoTime());
        if (shared != null) {
            try {
                shared.forgetIdle();
            } catch (RuntimeException e) {
                LOG.debugf("sending rate: idle slots not forgotten this time (%s)", Failures.describe(e));
            }
        }
    }
}

package com.mctb.messaging.sending;

import com.mctb.contracts.event.Channel;
import com.mctb.kit.kafka.Failures;
import com.mctb.messaging.config.MessagingConfig;
import com.mctb.messaging.domain.NumberTypes;
import com.mctb.messaging.domain.SendingRate;
import com.mctb.messaging.persistence.SendingSlots;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The first stage: each request to Twilio takes its sending number's next slot, at the rate of the number's type
 * (long code, toll-free, short code, WhatsApp sender) and with the configured burst. It answers how long to wait;
 * the caller's timer holds the wait, so no thread is parked. The slots are kept in PostgreSQL ({@link SendingSlots}),
 * so the rate holds for the number across every instance: one statement per reservation, and a reservation takes the
 * slots of a whole batch of texts (an intake batch, recovery's hand-over). Should that statement fail, the slots are
 * taken from this instance's own reservations ({@link SendingRate}), so a text is not held up.
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

    /** A text asking for its sending number's next slot. */
    public record Sender(Channel channel, String from) {
    }

    /** Reserves the next slot of {@code from} and returns how long to wait for it, in nanoseconds (0: now). */
    public long reserve(Channel channel, String from) {
        return reserve(List.of(new Sender(channel, from)))[0];
    }

    /**
     * Reserves a slot for each text, one statement for them all, and returns how long each is to wait for its slot, in
     * nanoseconds (0: now), in the order given; texts of one number take its slots one after another in that order.
     */
    public long[] reserve(List<Sender> texts) {
        long[] waits = new long[texts.size()];
        List<Integer> limited = new ArrayList<>(texts.size());
        List<SendingSlots.SlotRequest> requests = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            Sender text = texts.get(i);
            double perSecond = perSecond(text.channel(), text.from());
            if (perSecond > 0 && !Double.isInfinite(perSecond)) {
                long interval = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
                limited.add(i);
                requests.add(new SendingSlots.SlotRequest(text.from(), interval,
                        interval * (Math.max(1, limits.burst()) - 1)));
            }
        }
        if (shared != null && !requests.isEmpty()) {
            try {
                long[] answered = shared.reserve(requests);
                for (int k = 0; k < answered.length; k++) {
                    waits[limited.get(k)] = answered[k];
                }
                return waits;
            } catch (RuntimeException e) {
                LOG.warnf("sending rate: the shared slots of %d text(s) could not be reserved (%s); this instance's own used",
                        requests.size(), Failures.describe(e));
            }
        }
        long now = System.nanoTime();
        for (int i : limited) {
            waits[i] = reserve(texts.get(i).channel(), texts.get(i).from(), now);
        }
        return waits;
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

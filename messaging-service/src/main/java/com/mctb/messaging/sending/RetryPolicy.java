package com.mctb.messaging.sending;

import com.mctb.messaging.config.MessagingConfig;
import com.mctb.messaging.twilio.TwilioMessages;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.util.TypeLiteral;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * When a request to Twilio is tried again: only when Twilio did not take the text (429, 5xx, no connection) or its
 * answer is unknown (then Twilio's list is read first); never after a final refusal. Exponential back-off with
 * jitter, bounded in count and duration, by SmallRye Fault Tolerance.
 */
final class RetryPolicy {

    private RetryPolicy() {
    }

    /** Whether an attempt that ended with {@code e} may be followed by another. */
    static boolean worthRetrying(Throwable e) {
        return e instanceof TwilioMessages.Refused r
                && (r.outcome() == TwilioMessages.Outcome.NOT_TAKEN || r.outcome() == TwilioMessages.Outcome.UNKNOWN);
    }

    /** The bounded label of a retry's cause, for {@code mctb_twilio_retries_total{reason}}. */
    static String reason(Throwable e) {
        if (e instanceof TwilioMessages.Refused r) {
            if (r.httpStatus() == null) {
                return r.label();
            }
            return r.httpStatus() == 429 ? "429" : r.httpStatus() >= 500 ? "5xx" : String.valueOf(r.httpStatus());
        }
        return "other";
    }

    /** The guard every text's attempts go through; {@code beforeRetry} hears each retry's reason. */
    static TypedGuard<CompletionStage<TwilioMessages.Created>> guard(MessagingConfig.Sending sending,
            Consumer<String> beforeRetry) {
        return TypedGuard.create(new TypeLiteral<CompletionStage<TwilioMessages.Created>>() {
                })
                .withDescription("twilio-create-message")
                .withRetry()
                .maxRetries(sending.maxRetries())
                .delay(sending.initialDelay().toMillis(), ChronoUnit.MILLIS)
                .jitter(sending.jitter().toMillis(), ChronoUnit.MILLIS)
                .maxDuration(sending.maxDuration().toMillis(), ChronoUnit.MILLIS)
                .whenException(RetryPolicy::worthRetrying)
                .beforeRetry((Throwable e) -> beforeRetry.accept(reason(e)))
                .withExponentialBackoff().factor(2).maxDelay(sending.maxDelay().toMillis(), ChronoUnit.MILLIS).done()
                .done()
                .build();
    }
}

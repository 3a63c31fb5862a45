package com.mctb.kit.ops;

import com.mctb.kit.kafka.DeadLetterWrites;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Down while a consumer holds a record because its dead letter cannot be written (its {@code .dlq} topic missing or
 * unwritable): that consumer's partition does not move until it can. Off where
 * {@code mctb.health.kafka-readiness=false} (the gateway answers Twilio whatever is behind it).
 */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "mctb.health.kafka-readiness", stringValue = "true", enableIfMissing = true)
public class DeadLetterReadinessCheck implements HealthCheck {

    static final String NAME = "Dead letters written";

    @Inject
    DeadLetterWrites writes;

    @Override
    public HealthCheckResponse call() {
        int waiting = writes.waiting();
        if (waiting == 0) {
            return HealthCheckResponse.up(NAME);
        }
        return HealthCheckResponse.named(NAME).down().withData("records waiting", waiting)
                .withData("last error", String.valueOf(writes.lastError())).build();
    }
}

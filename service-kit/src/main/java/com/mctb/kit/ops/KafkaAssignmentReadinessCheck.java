package com.mctb.kit.ops;

import com.mctb.kit.kafka.ConsumerAssignments;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until every Kafka consumer of the service has joined its group and received its partitions: before that
 * a record sent to it waits, so "ready" would not mean "handles a call at once". A consumer that gets no assignment
 * within {@code mctb.health.kafka-assignment-timeout} (a group with more members than partitions may give it none
 * without telling it) stops holding readiness back. Off where {@code mctb.health.kafka-readiness=false} (the gateway
 * must answer Twilio whatever is behind it).
 */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "mctb.health.kafka-readiness", stringValue = "true", enableIfMissing = true)
public class KafkaAssignmentReadinessCheck implements HealthCheck {

    @Inject
    ConsumerAssignments assignments;

    @ConfigProperty(name = "mctb.health.kafka-assignment-timeout", defaultValue = "PT30S")
    Duration timeout;

    private final long started = System.nanoTime();
    private volatile boolean ready;

    @Override
    public HealthCheckResponse call() {
        if (ready) {
            return HealthCheckResponse.up("Kafka consumers assigned");
        }
        List<String> waiting = assignments.waiting();
        if (waiting.isEmpty() || System.nanoTime() - started > timeout.toNanos()) {
            ready = true;
            return HealthCheckResponse.named("Kafka consumers assigned").up()
                    .withData("unassigned", String.join(", ", waiting)).build();
        }
        return HealthCheckResponse.named("Kafka consumers assigned").down()
                .withData("waiting for partitions", String.join(", ", waiting)).build();
    }
}

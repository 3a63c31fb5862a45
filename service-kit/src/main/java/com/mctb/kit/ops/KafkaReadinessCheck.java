package com.mctb.kit.ops;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the Kafka broker does not answer. A service that must keep serving without Kafka (call-gateway)
 * sets {@code mctb.health.kafka-readiness=false} at build time and gets {@link KafkaWellnessCheck} instead.
 */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "mctb.health.kafka-readiness", stringValue = "true", enableIfMissing = true)
public class KafkaReadinessCheck implements HealthCheck {

    @Inject
    KafkaReachability kafka;

    @Override
    public HealthCheckResponse call() {
        return kafka.check("Kafka broker");
    }
}

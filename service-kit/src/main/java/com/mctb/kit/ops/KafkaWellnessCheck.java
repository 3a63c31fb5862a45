package com.mctb.kit.ops;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/** Kafka's reachability for operators (/q/health/well) in a service that stays ready without it. */
@Wellness
@ApplicationScoped
@IfBuildProperty(name = "mctb.health.kafka-readiness", stringValue = "false")
public class KafkaWellnessCheck implements HealthCheck {

    @Inject
    KafkaReachability kafka;

    @Override
    public HealthCheckResponse call() {
        return kafka.check("Kafka broker");
    }
}

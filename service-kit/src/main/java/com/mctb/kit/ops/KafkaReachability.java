package com.mctb.kit.ops;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Whether the Kafka broker answers, asked at most once a second (health endpoints may be polled often).
 */
@ApplicationScoped
public class KafkaReachability {

    private static final long CACHE_NANOS = TimeUnit.SECONDS.toNanos(1);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private Admin admin;
    private volatile long checkedAt;
    private volatile HealthCheckResponse last;

    HealthCheckResponse check(String name) {
        long now = System.nanoTime();
        HealthCheckResponse cached = last;
        if (cached != null && now - checkedAt < CACHE_NANOS) {
            return cached;
        }
        HealthCheckResponse response;
        try {
            String clusterId = admin().describeCluster().clusterId().get(2, TimeUnit.SECONDS);
            response = HealthCheckResponse.named(name).up().withData("bootstrap", bootstrapServers)
                    .withData("cluster", clusterId).build();
        } catch (Exception e) {
            response = HealthCheckResponse.named(name).down().withData("bootstrap", bootstrapServers)
                    .withData("error", String.valueOf(e.getCause() != null ? e.getCause() : e)).build();
        }
        last = response;
        checkedAt = now;
        return response;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000,
                    AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000));
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}

package com.mctb.gateway.health;

import io.agroal.api.AgroalDataSource;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The database's reachability for operators (/q/health/well). Not a readiness check: without the database the gateway
 * still answers calls and falls back to Kafka or its spool.
 */
@Wellness
@ApplicationScoped
public class DatabaseWellnessCheck implements HealthCheck {

    @Inject
    AgroalDataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(2);
            s.execute("select 1");
            return HealthCheckResponse.up("PostgreSQL");
        } catch (Exception e) {
            return HealthCheckResponse.named("PostgreSQL").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}

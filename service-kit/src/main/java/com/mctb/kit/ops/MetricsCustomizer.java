package com.mctb.kit.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Publishes percentile histograms for our timers (speed-to-lead, webhook latency) and HTTP server requests, so
 * Prometheus can compute p50/p95/p99 across instances with {@code histogram_quantile}.
 */
@Singleton
public class MetricsCustomizer {

    @Produces
    @Singleton
    public MeterFilter percentileHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                boolean ours = id.getName().startsWith("mctb.") || id.getName().equals("http.server.requests");
                if (id.getType() != Meter.Type.TIMER || !ours) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .percentilesHistogram(true)
                        .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
                        .maximumExpectedValue((double) Duration.ofSeconds(60).toNanos())
                        .build()
                        .merge(config);
            }
        };
    }
}
